package io.labbench.netparse;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.netparse.model.AddressedInterface;
import io.labbench.netparse.model.ConntrackEntry;
import io.labbench.netparse.model.IptablesChain;
import io.labbench.netparse.model.IptablesRule;
import io.labbench.netparse.model.Route;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Every file of ../shared/fixtures that is output of a kind we read, parsed with kind AUTO, with values
 * read off the files by hand.
 */
class SharedFixtureGoldenTest {

    private static ParseResult auto(String file) {
        ParseResult r = NetParsers.parse(ParserKind.AUTO, Resources.text("fixtures/" + file));
        assertThat(r.diagnostics()).as("diagnostics for " + file).isEmpty();
        return r;
    }

    @Test
    void readsPodNamespaceAddressesFromKopsNode() {
        IpAddrResult r = (IpAddrResult) auto("ip-addr-pod-netns-kops.txt");
        assertThat(r.interfaces()).extracting(AddressedInterface::name).containsExactly("lo", "eth0");
        AddressedInterface eth0 = r.interfaces().get(1);
        assertThat(eth0.index()).isEqualTo(OptionalInt.of(3));
        assertThat(eth0.peer()).isEqualTo("if6");
        assertThat(eth0.mtu()).isEqualTo(OptionalInt.of(9001));
        assertThat(eth0.state()).isEqualTo("UP");
        assertThat(eth0.mac()).isEqualTo("02:f4:6c:1d:96:ff");
        assertThat(eth0.addresses()).extracting(a -> a.family() + " " + a.cidr() + " " + a.scope())
                .containsExactly("inet 172.30.94.143/32 global", "inet6 fe80::f4:6cff:fe1d:96ff/64 link");
    }

    @Test
    void readsIpJsonAddrFromCloudInit() {
        IpAddrResult r = (IpAddrResult) auto("ip-j-addr-cloudinit.json");
        assertThat(r.interfaces()).extracting(AddressedInterface::name).containsExactly("lo", "enp0s25");
        AddressedInterface enp = r.interfaces().get(1);
        assertThat(enp.index()).isEqualTo(OptionalInt.of(23));
        assertThat(enp.mac()).isEqualTo("50:7b:9d:2c:af:91");
        assertThat(enp.addresses()).extracting(a -> a.cidr()).containsExactly("192.168.2.18/24",
                "fe80::7777:2222:1111:eeee/64", "fe80::8107:2b92:867e:f8a6/64");
        assertThat(enp.state()).isEqualTo("UP");
        assertThat(r.interfaces().get(0).addresses()).extracting(a -> a.cidr()).containsExactly("127.0.0.1/8", "::1/128");
    }

    @Test
    void readsLinkdownRouteWithoutTrailingNewline() {
        RouteResult r = (RouteResult) auto("ip-route-centos77-jc.txt");
        assertThat(r.routes()).hasSize(4);
        Route def = r.routes().get(0);
        assertThat(def.destination()).isEqualTo("default");
        assertThat(def.via()).isEqualTo("10.0.2.2");
        assertThat(def.dev()).isEqualTo("enp0s3");
        assertThat(def.proto()).isEqualTo("dhcp");
        assertThat(def.metric()).isEqualTo(OptionalLong.of(100));
        Route docker = r.routes().get(3);
        assertThat(docker.destination()).isEqualTo("172.17.0.0/16");
        assertThat(docker.src()).isEqualTo("172.17.0.1");
        assertThat(docker.scope()).isEqualTo("link");
        assertThat(docker.flags()).containsExactly("linkdown");
        assertThat(docker.metric()).isEmpty();
    }

    @Test
    void readsOldDoubleSpacedEniTable() {
        RouteResult r = (RouteResult) auto("ip-route-table-eni-1-vpccni-proposal.txt");
        assertThat(r.routes()).extracting(x -> x.destination() + "|" + x.via() + "|" + x.dev() + "|" + x.scope())
                .containsExactly("default|10.0.96.1|eth1|", "10.0.96.1||eth1|link");
    }

    @Test
    void readsTwoDefaultRoutesByMetric() {
        RouteResult r = (RouteResult) auto("ip-route-v4-cloudinit.txt");
        assertThat(r.routes()).extracting(x -> x.dev() + ":" + x.metric().getAsLong())
                .containsExactly("enp0s25:100", "wlp3s0:150", "enp0s25:100");
        // Two default routes differ by metric, so they are two rows, not one.
        assertThat(r.toSnapshot(java.time.Instant.EPOCH).rows()).extracting(x -> x.key())
                .contains("main default 100", "main default 150");
    }

    @Test
    void readsIpv6RoutesWithLocalTableAndExpires() {
        RouteResult r = (RouteResult) auto("ip-route-v6-cloudinit.txt");
        assertThat(r.routes()).hasSize(11);
        Route first = r.routes().get(0);
        assertThat(first.destination()).isEqualTo("2a00:abcd:82ae:cd33::657");
        assertThat(first.metric()).isEqualTo(OptionalLong.of(256));
        assertThat(first.extra()).isEqualTo("expires 2334sec pref medium");
        Route local = r.routes().get(10);
        assertThat(local.type()).isEqualTo("local");
        assertThat(local.table()).isEqualTo("local");
        assertThat(local.destination()).isEqualTo("2600:1f16:b80:ad00:90a:c915:bca6:5ff2");
        assertThat(local.proto()).isEqualTo("none");
        assertThat(r.routes().get(8).via()).isEqualTo("fe80::32ee:54de:cd43:b4e1");
    }

    @Test
    void readsRouteNWithWideMetricColumn() {
        RouteResult r = (RouteResult) auto("route-n-cloudinit.txt");
        assertThat(r.kind()).isEqualTo(ParserKind.ROUTE_N);
        assertThat(r.routes()).extracting(x -> x.destination() + " via " + x.via() + " dev " + x.dev() + " metric "
                + x.metric().getAsLong() + " " + x.flags())
                .containsExactly("default via 192.168.2.1 dev enp0s25 metric 100 [U, G]",
                        "default via 192.168.2.1 dev wlp3s0 metric 150 [U, G]",
                        "192.168.2.0/24 via  dev enp0s25 metric 100 [U]");
    }

    @Test
    void readsRouteVn() {
        RouteResult r = (RouteResult) auto("route-vn-centos77-jc.txt");
        assertThat(r.routes()).extracting(Route::destination).containsExactly("default", "172.17.0.0/16", "192.168.71.0/24");
        assertThat(r.routes().get(1).dev()).isEqualTo("docker0");
        assertThat(r.routes().get(1).metric()).isEqualTo(OptionalLong.of(0));
    }

    @Test
    void readsLineNumberedListingWithoutCounters() {
        IptablesListResult r = (IptablesListResult) auto("iptables-L-line-numbers-filter-ubuntu1804-jc.txt");
        assertThat(r.tables()).hasSize(1);
        assertThat(r.tables().get(0).name()).isEqualTo("filter");
        List<IptablesChain> chains = r.tables().get(0).chains();
        assertThat(chains).extracting(IptablesChain::name).containsExactly("INPUT", "FORWARD", "OUTPUT");
        assertThat(chains.get(0).policy()).isEqualTo("ACCEPT");
        assertThat(chains.get(0).rules()).hasSize(6);
        IptablesRule sixth = chains.get(0).rules().get(5);
        assertThat(sixth.num()).isEqualTo(OptionalInt.of(6));
        assertThat(sixth.target()).isEqualTo("ACCEPT");
        assertThat(sixth.prot()).isEqualTo("tcp");
        assertThat(sixth.source()).isEqualTo("15.15.15.0/24");
        assertThat(sixth.destination()).isEqualTo("anywhere");
        assertThat(sixth.extra()).isEqualTo("tcp dpt:ssh ctstate NEW,ESTABLISHED");
        assertThat(sixth.packets()).isEmpty();
        assertThat(chains.get(1).rules()).isEmpty();
        assertThat(chains.get(2).rules()).hasSize(3);
    }

    @Test
    void readsFirewalldListingWithSuffixedCounters() {
        IptablesListResult r = (IptablesListResult) auto("iptables-L-n-v-filter-centos77-jc.txt");
        List<IptablesChain> chains = r.tables().get(0).chains();
        assertThat(chains).hasSize(26);
        IptablesRule first = chains.get(0).rules().get(0);
        assertThat(first.packets()).isEqualTo(OptionalLong.of(4175));
        assertThat(first.bytes()).isEqualTo(OptionalLong.of(1_130_000));
        assertThat(first.approximate()).isTrue();
        assertThat(first.extra()).isEqualTo("ctstate RELATED,ESTABLISHED");
        IptablesChain output = chains.get(2);
        assertThat(output.name()).isEqualTo("OUTPUT");
        assertThat(output.policyPackets()).isEqualTo(OptionalLong.of(5));
        assertThat(output.policyBytes()).isEqualTo(OptionalLong.of(345));
        IptablesChain fwdi = chains.stream().filter(c -> c.name().equals("FWDI_public")).findFirst().orElseThrow();
        assertThat(fwdi.references()).isEqualTo(OptionalInt.of(2));
        assertThat(fwdi.policy()).isEmpty();
    }

    @Test
    void readsKubeProxyFilterWithCommentsAndNegatedInterfaces() {
        IptablesListResult r = (IptablesListResult) auto("iptables-L-n-v-filter-kube-proxy-flannel.txt");
        IptablesChain input = r.tables().get(0).chains().get(0);
        assertThat(input.policyBytes()).isEqualTo(OptionalLong.of(535_000));
        IptablesRule ext = input.rules().get(0);
        assertThat(ext.target()).isEqualTo("KUBE-EXTERNAL-SERVICES");
        assertThat(ext.comment()).isEqualTo("kubernetes externally-visible service portals");
        assertThat(ext.extra()).isEqualTo("ctstate NEW");
        IptablesChain forward = r.tables().get(0).chains().get(1);
        assertThat(forward.policy()).isEqualTo("DROP");
        IptablesRule negated = forward.rules().get(5);
        assertThat(negated.in()).isEqualTo("docker0");
        assertThat(negated.out()).isEqualTo("!docker0");
        IptablesChain firewall = r.tables().get(0).chains().stream().filter(c -> c.name().equals("KUBE-FIREWALL"))
                .findFirst().orElseThrow();
        assertThat(firewall.references()).isEqualTo(OptionalInt.of(2));
        assertThat(firewall.rules().get(0).comment()).isEqualTo("kubernetes firewall for dropping marked packets");
        assertThat(firewall.rules().get(0).extra()).isEqualTo("mark match 0x8000/0x8000");
    }

    @Test
    void readsNatListingAsNatTable() {
        IptablesListResult r = (IptablesListResult) auto("iptables-t-nat-L-n-v-kube-proxy-flannel.txt");
        assertThat(r.tables()).extracting(t -> t.name()).containsExactly("nat");
        List<IptablesChain> chains = r.tables().get(0).chains();
        IptablesChain post = chains.get(3);
        assertThat(post.name()).isEqualTo("POSTROUTING");
        assertThat(post.policyPackets()).isEqualTo(OptionalLong.of(10));
        assertThat(post.rules()).hasSize(6);
        assertThat(post.rules().get(3).destination()).isEqualTo("!224.0.0.0/4");
        assertThat(post.rules().get(4).source()).isEqualTo("!10.244.0.0/16");
        IptablesChain services = chains.stream().filter(c -> c.name().equals("KUBE-SERVICES")).findFirst().orElseThrow();
        IptablesRule nodeports = services.rules().get(services.rules().size() - 1);
        assertThat(nodeports.packets()).isEqualTo(OptionalLong.of(6));
        assertThat(nodeports.bytes()).isEqualTo(OptionalLong.of(360));
        assertThat(nodeports.comment())
                .isEqualTo("kubernetes service nodeports; NOTE: this must be the last rule in this chain");
        assertThat(nodeports.extra()).isEqualTo("ADDRTYPE match dst-type LOCAL");
        IptablesRule dnat = chains.stream().filter(c -> c.name().equals("KUBE-SEP-KPC3R4X2272VTT4E")).findFirst()
                .orElseThrow().rules().get(1);
        assertThat(dnat.target()).isEqualTo("DNAT");
        assertThat(dnat.extra()).isEqualTo("tcp to:172.20.0.70:6443");
    }

    @Test
    void readsNatListingWithoutCounters() {
        IptablesListResult r = (IptablesListResult) auto("iptables-t-nat-L-n-kube-proxy-flannel.txt");
        assertThat(r.tables().get(0).name()).isEqualTo("nat");
        IptablesRule docker = r.tables().get(0).chains().get(0).rules().get(1);
        assertThat(docker.target()).isEqualTo("DOCKER");
        assertThat(docker.packets()).isEmpty();
        assertThat(docker.in()).isEmpty();
        assertThat(docker.extra()).isEqualTo("ADDRTYPE match dst-type LOCAL");
    }

    @Test
    void readsConntrackStaleEntries() {
        ConntrackResult r = (ConntrackResult) auto("conntrack-L-tcp-udp-stale-kind-issue101607.txt");
        ConntrackEntry tcp = r.entries().get(0);
        assertThat(tcp.proto()).isEqualTo("tcp");
        assertThat(tcp.timeout()).isEqualTo(OptionalLong.of(119));
        assertThat(tcp.state()).isEqualTo("SYN_SENT");
        assertThat(tcp.original().src()).isEqualTo("172.18.0.1");
        assertThat(tcp.original().dport()).isEqualTo(OptionalInt.of(80));
        assertThat(tcp.reply().src()).isEqualTo("10.244.2.3");
        assertThat(tcp.reply().dport()).isEqualTo(OptionalInt.of(45815));
        assertThat(tcp.flags()).containsExactly("UNREPLIED");
        assertThat(tcp.mark()).isEqualTo("0");
        assertThat(tcp.use()).isEqualTo(OptionalLong.of(1));
        ConntrackEntry udp = r.entries().get(1);
        assertThat(udp.state()).isEmpty();
        assertThat(udp.timeout()).isEqualTo(OptionalLong.of(29));
    }

    @Test
    void readsConntrackUdpDnatToPod() {
        ConntrackResult r = (ConntrackResult) auto("conntrack-L-udp-unreplied-gke-issue126130.txt");
        ConntrackEntry e = r.entries().get(0);
        assertThat(e.original().dst()).isEqualTo("10.12.201.0");
        assertThat(e.reply().src()).isEqualTo("10.11.4.22");
        assertThat(e.original().dport()).isEqualTo(OptionalInt.of(8125));
    }

    @Test
    void readsCustomColumns() {
        KubectlTableResult r = (KubectlTableResult) auto("kubectl-get-pods-custom-columns-kube-system.txt");
        assertThat(r.columns()).containsExactly("NAME", "IP", "STATUS");
        assertThat(r.rows()).hasSize(21);
        assertThat(r.rows().get(1)).isEqualTo(Map.of("NAME", "aws-node-b2xrp", "IP", "172.30.47.189", "STATUS", "Running"));
        assertThat(r.rows().stream().filter(x -> x.get("IP").equals("172.30.47.189")).count()).isEqualTo(10);
    }

    @Test
    void readsWideTableWithTwoWordHeaders() {
        KubectlTableResult r = (KubectlTableResult) auto("kubectl-get-pods-o-wide-ebs-csi-node.txt");
        assertThat(r.columns()).containsExactly("NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE",
                "NOMINATED NODE", "READINESS GATES");
        Map<String, String> last = r.rows().get(2);
        assertThat(last.get("NAME")).isEqualTo("ebs-csi-node-hv2j2");
        assertThat(last.get("AGE")).isEqualTo("17m");
        assertThat(last.get("IP")).isEqualTo("172.30.42.74");
        assertThat(last.get("NODE")).isEqualTo("i-0f395f78142396d9d");
        assertThat(last.get("NOMINATED NODE")).isEqualTo("<none>");
    }
}
