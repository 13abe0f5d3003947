package io.labbench.netparse;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.netparse.model.AddressedInterface;
import io.labbench.netparse.model.ConntrackEntry;
import io.labbench.netparse.model.IptablesChain;
import io.labbench.netparse.model.IptablesRule;
import io.labbench.netparse.model.IpRuleEntry;
import io.labbench.netparse.model.Link;
import io.labbench.netparse.model.Route;
import io.labbench.netparse.model.SavedRule;
import io.labbench.netparse.model.SavedTable;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Outputs captured on this machine by src/test/capture/capture.sh (a node namespace with ens5, a pod veth
 * eni5e7e4a0a4d8 → 172.30.46.80/32, ip rules 512/1024/1536, AWS-SNAT-CHAIN-0, traffic), in every variant
 * flag. Expected values were read off the files by hand.
 */
class CapturedGoldenTest {

    private static ParseResult auto(String file) {
        ParseResult r = NetParsers.parse(ParserKind.AUTO, Resources.text("captured/" + file));
        assertThat(r.diagnostics()).as("diagnostics for " + file).isEmpty();
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ip-link.txt", "ip-o-link.txt", "ip-d-link.txt", "ip-c-link.txt", "ip-j-link.json"})
    void everyIpLinkFormGivesTheSameLinks(String file) {
        IpLinkResult r = (IpLinkResult) auto(file);
        assertThat(r.kind()).isEqualTo(ParserKind.IP_LINK);
        assertThat(r.links()).extracting(Link::name).containsExactly("lo", "ens5", "eni5e7e4a0a4d8");
        Link ens5 = r.links().get(1);
        assertThat(ens5.index()).isEqualTo(OptionalInt.of(2));
        assertThat(ens5.peer()).isEqualTo("if2");
        assertThat(ens5.mtu()).isEqualTo(OptionalInt.of(9001));
        assertThat(ens5.state()).isEqualTo("UP");
        assertThat(ens5.flags()).containsExactly("BROADCAST", "MULTICAST", "UP", "LOWER_UP");
        assertThat(ens5.mac()).isEqualTo("8e:70:6b:82:59:58");
        Link eni = r.links().get(2);
        assertThat(eni.mac()).isEqualTo("66:09:80:09:a7:21");
        assertThat(eni.mtu()).isEqualTo(OptionalInt.of(1500));
        // JSON gives the netns id, text gives the name.
        assertThat(eni.linkNetns()).isIn("lbtpod19207", "1");
        assertThat(r.links().get(0).linkNetns()).isEmpty();
    }

    @Test
    void detailedLinkTellsTheKind() {
        IpLinkResult r = (IpLinkResult) auto("ip-d-link.txt");
        assertThat(r.links()).extracting(Link::kind).containsExactly("", "veth", "veth");
    }

    @Test
    void briefLinkHasNameStateMacAndFlags() {
        IpLinkResult r = (IpLinkResult) auto("ip-br-link.txt");
        assertThat(r.links()).extracting(l -> l.name() + "@" + l.peer() + " " + l.state() + " " + l.mac())
                .containsExactly("lo@ UNKNOWN 00:00:00:00:00:00", "ens5@if2 UP 8e:70:6b:82:59:58",
                        "eni5e7e4a0a4d8@if2 UP 66:09:80:09:a7:21");
        assertThat(r.links().get(0).flags()).containsExactly("LOOPBACK", "UP", "LOWER_UP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ip-addr.txt", "ip-o-addr.txt", "ip-br-addr.txt", "ip-c-addr.txt", "ip-j-addr.json"})
    void everyIpAddrFormGivesTheSameAddresses(String file) {
        IpAddrResult r = (IpAddrResult) auto(file);
        assertThat(r.interfaces()).extracting(AddressedInterface::name).containsExactly("lo", "ens5", "eni5e7e4a0a4d8");
        assertThat(r.interfaces().get(1).addresses()).extracting(a -> a.family() + " " + a.cidr())
                .containsExactly("inet 172.30.46.72/19", "inet6 fe80::8c70:6bff:fe82:5958/64");
        assertThat(r.interfaces().get(2).addresses()).extracting(a -> a.cidr())
                .containsExactly("fe80::6409:80ff:fe09:a721/64");
        assertThat(r.interfaces().get(0).addresses()).extracting(a -> a.cidr()).containsExactly("127.0.0.1/8", "::1/128");
    }

    @Test
    void fullAddrHasStateScopeAndPeer() {
        IpAddrResult r = (IpAddrResult) auto("ip-addr.txt");
        AddressedInterface ens5 = r.interfaces().get(1);
        assertThat(ens5.state()).isEqualTo("UP");
        assertThat(ens5.peer()).isEqualTo("if2");
        assertThat(ens5.addresses().get(0).scope()).isEqualTo("global");
        assertThat(ens5.addresses().get(0).label()).isEqualTo("ens5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ip-route.txt", "ip-j-route.json"})
    void mainTableRoutes(String file) {
        RouteResult r = (RouteResult) auto(file);
        assertThat(r.routes()).extracting(x -> x.destination() + "|" + x.via() + "|" + x.dev() + "|" + x.proto() + "|"
                + x.scope() + "|" + x.src() + "|" + (x.metric().isPresent() ? x.metric().getAsLong() : ""))
                .containsExactly("default|172.30.32.1|ens5|dhcp|||100",
                        "172.30.32.0/19||ens5|kernel|link|172.30.46.72|",
                        "172.30.46.80||eni5e7e4a0a4d8||link||");
    }

    @Test
    void secondaryEniTable() {
        RouteResult r = (RouteResult) auto("ip-route-table-2.txt");
        assertThat(r.routes()).extracting(x -> x.destination() + " via " + x.via() + " dev " + x.dev())
                .containsExactly("default via 172.30.32.1 dev ens5", "172.30.32.1 via  dev ens5");
    }

    @Test
    void allTablesKeepTheirTableAndType() {
        RouteResult r = (RouteResult) auto("ip-route-table-all.txt");
        assertThat(r.routes()).hasSize(17);
        assertThat(r.routes().get(0).table()).isEqualTo("2");
        assertThat(r.routes().get(2).table()).isEqualTo("main");
        Route broadcast = r.routes().get(9);
        assertThat(broadcast.type()).isEqualTo("broadcast");
        assertThat(broadcast.table()).isEqualTo("local");
        assertThat(broadcast.destination()).isEqualTo("172.30.63.255");
        assertThat(r.routes().stream().filter(x -> x.type().equals("multicast")).count()).isEqualTo(2);
        // Same destination in different tables or of different types must be different rows.
        assertThat(r.toSnapshot(java.time.Instant.EPOCH).rows()).extracting(x -> x.key()).doesNotHaveDuplicates()
                .contains("2 default ", "main default 100", "local local 172.30.46.72 ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ip-rule.txt", "ip-j-rule.json"})
    void policyRulesOfTheCni(String file) {
        IpRuleResult r = (IpRuleResult) auto(file);
        assertThat(r.rules()).extracting(x -> x.priority().getAsLong() + " " + x.from() + " " + x.to() + " "
                + x.fwmark() + " " + x.table())
                .containsExactly("0 all   local", "512 all 172.30.46.80  main", "1024 all  0x80/0x80 main",
                        "1536 172.30.46.81   2", "32766 all   main", "32767 all   default");
        IpRuleEntry r512 = r.rules().get(1);
        assertThat(r512.selector()).isEqualTo("from all to 172.30.46.80");
        assertThat(r512.not()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"route-n.txt", "route-vn.txt", "route-ne.txt"})
    void netToolsRoutes(String file) {
        RouteResult r = (RouteResult) auto(file);
        assertThat(r.kind()).isEqualTo(ParserKind.ROUTE_N);
        assertThat(r.routes()).extracting(x -> x.destination() + " via " + x.via() + " dev " + x.dev() + " " + x.flags())
                .containsExactly("default via 172.30.32.1 dev ens5 [U, G]", "172.30.32.0/19 via  dev ens5 [U]",
                        "172.30.46.80 via  dev eni5e7e4a0a4d8 [U, H]");
    }

    @Test
    void routeNAndIpRouteGiveTheSameKeyForThePodRoute() {
        var ipKeys = auto("ip-route.txt").toSnapshot(java.time.Instant.EPOCH).rows().stream().map(x -> x.key()).toList();
        var netToolsKeys = auto("route-n.txt").toSnapshot(java.time.Instant.EPOCH).rows().stream().map(x -> x.key()).toList();
        assertThat(ipKeys).contains("main default 100");
        assertThat(netToolsKeys).contains("main default 100");
        assertThat(netToolsKeys.get(2)).isEqualTo("main 172.30.46.80 0");
    }

    @Test
    void filterListingWithSuffixesAndATargetlessRule() {
        IptablesListResult r = (IptablesListResult) auto("iptables-L-n-v.txt");
        List<IptablesChain> chains = r.tables().get(0).chains();
        assertThat(r.tables().get(0).name()).isEqualTo("filter");
        IptablesRule icmp = chains.get(0).rules().get(2);
        assertThat(icmp.packets()).isEqualTo(OptionalLong.of(202));
        assertThat(icmp.bytes()).isEqualTo(OptionalLong.of(206_000));
        assertThat(icmp.approximate()).isTrue();
        assertThat(icmp.prot()).isEqualTo("1");
        IptablesRule counting = chains.get(2).rules().get(0);
        assertThat(counting.target()).isEmpty();
        assertThat(counting.prot()).isEqualTo("0");
        assertThat(counting.out()).isEqualTo("eni5e7e4a0a4d8");
        assertThat(counting.packets()).isEqualTo(OptionalLong.of(205));
        assertThat(chains.get(0).rules().get(1).extra()).isEqualTo("tcp dpt:8080");
    }

    @Test
    void exactCountersAndLineNumbers() {
        IptablesListResult r = (IptablesListResult) auto("iptables-L-n-v-x-line-numbers.txt");
        List<IptablesChain> chains = r.tables().get(0).chains();
        IptablesRule icmp = chains.get(0).rules().get(2);
        assertThat(icmp.num()).isEqualTo(OptionalInt.of(3));
        assertThat(icmp.bytes()).isEqualTo(OptionalLong.of(205_768));
        assertThat(icmp.approximate()).isFalse();
        assertThat(chains.get(2).rules().get(0).bytes()).isEqualTo(OptionalLong.of(205_938));
    }

    @Test
    void natListingWithSnatChain() {
        IptablesListResult r = (IptablesListResult) auto("iptables-t-nat-L-n-v.txt");
        assertThat(r.tables().get(0).name()).isEqualTo("nat");
        IptablesChain snat = r.tables().get(0).chains().stream().filter(c -> c.name().equals("AWS-SNAT-CHAIN-0"))
                .findFirst().orElseThrow();
        assertThat(snat.references()).isEqualTo(OptionalInt.of(1));
        IptablesRule rule = snat.rules().get(0);
        assertThat(rule.target()).isEqualTo("SNAT");
        assertThat(rule.destination()).isEqualTo("!172.30.0.0/16");
        assertThat(rule.comment()).isEqualTo("AWS SNAT CHAIN");
        assertThat(rule.extra()).isEqualTo("ADDRTYPE match dst-type !LOCAL to:172.30.46.72 random-fully");
    }

    @Test
    void mangleListingWithoutCounters() {
        IptablesListResult r = (IptablesListResult) auto("iptables-t-mangle-L-n.txt");
        assertThat(r.tables().get(0).name()).isEqualTo("mangle");
        IptablesRule connmark = r.tables().get(0).chains().get(0).rules().get(0);
        assertThat(connmark.target()).isEqualTo("CONNMARK");
        assertThat(connmark.comment()).isEqualTo("AWS, primary ENI");
    }

    @Test
    void iptablesSaveWithCountersAndThreeTables() {
        IptablesRulesResult r = (IptablesRulesResult) auto("iptables-save-c.txt");
        assertThat(r.tables()).extracting(SavedTable::name).containsExactly("mangle", "filter", "nat");
        SavedTable nat = r.tables().get(2);
        assertThat(nat.chains()).extracting(c -> c.name() + " " + c.policy())
                .containsExactly("PREROUTING ACCEPT", "INPUT ACCEPT", "OUTPUT ACCEPT", "POSTROUTING ACCEPT",
                        "AWS-SNAT-CHAIN-0 -", "KUBE-POSTROUTING -");
        SavedRule snat = nat.rules().get(2);
        assertThat(snat.chain()).isEqualTo("AWS-SNAT-CHAIN-0");
        assertThat(snat.target()).isEqualTo("SNAT");
        assertThat(snat.comment()).isEqualTo("AWS SNAT CHAIN");
        assertThat(snat.spec()).isEqualTo("! -d 172.30.0.0/16 -m comment --comment \"AWS SNAT CHAIN\" -m addrtype ! "
                + "--dst-type LOCAL -j SNAT --to-source 172.30.46.72 --random-fully");
        assertThat(nat.rules().get(0).packets()).isEqualTo(OptionalLong.of(1));
        assertThat(nat.rules().get(0).bytes()).isEqualTo(OptionalLong.of(1028));
        SavedRule counting = r.tables().get(1).rules().get(3);
        assertThat(counting.target()).isEmpty();
        assertThat(counting.packets()).isEqualTo(OptionalLong.of(205));
        assertThat(counting.bytes()).isEqualTo(OptionalLong.of(205_938));
        assertThat(r.tables().get(0).rules().get(0).comment()).isEqualTo("AWS, primary ENI");
    }

    @Test
    void iptablesSWithAndWithoutCountersGiveTheSameSpecs() {
        IptablesRulesResult plain = (IptablesRulesResult) auto("iptables-S.txt");
        IptablesRulesResult verbose = (IptablesRulesResult) auto("iptables-S-v.txt");
        assertThat(verbose.tables().get(0).rules()).extracting(SavedRule::spec)
                .isEqualTo(plain.tables().get(0).rules().stream().map(SavedRule::spec).toList());
        SavedRule icmp = verbose.tables().get(0).rules().get(2);
        assertThat(icmp.spec()).isEqualTo("-p icmp -j ACCEPT");
        assertThat(icmp.packets()).isEqualTo(OptionalLong.of(202));
        assertThat(icmp.bytes()).isEqualTo(OptionalLong.of(205_768));
        assertThat(plain.tables().get(0).rules().get(2).packets()).isEmpty();
        assertThat(verbose.tables().get(0).chains().get(0).packets()).isEqualTo(OptionalLong.of(0));
    }

    @Test
    void natRulesInferTheTable() {
        IptablesRulesResult r = (IptablesRulesResult) auto("iptables-t-nat-S.txt");
        assertThat(r.tables().get(0).name()).isEqualTo("nat");
        assertThat(r.tables().get(0).rules()).extracting(SavedRule::chain)
                .containsExactly("POSTROUTING", "POSTROUTING", "AWS-SNAT-CHAIN-0", "KUBE-POSTROUTING");
    }

    @ParameterizedTest
    @ValueSource(strings = {"conntrack-L.txt", "conntrack-L-o-extended.txt"})
    void conntrackAfterRealTraffic(String file) {
        ConntrackResult r = (ConntrackResult) auto(file);
        assertThat(r.entries()).extracting(ConntrackEntry::proto).containsExactly("icmp", "tcp", "icmp", "udp");
        ConntrackEntry tcp = r.entries().get(1);
        assertThat(tcp.state()).isEqualTo("ESTABLISHED");
        assertThat(tcp.timeout()).isEqualTo(OptionalLong.of(431_998));
        assertThat(tcp.original().sport()).isEqualTo(OptionalInt.of(40000));
        assertThat(tcp.original().dport()).isEqualTo(OptionalInt.of(8080));
        assertThat(tcp.reply().src()).isEqualTo("172.30.46.72");
        assertThat(tcp.flags()).containsExactly("ASSURED");
        ConntrackEntry icmp = r.entries().get(0);
        assertThat(icmp.original().type()).isEqualTo(OptionalInt.of(8));
        assertThat(icmp.original().id()).isEqualTo(OptionalInt.of(19274));
        assertThat(icmp.reply().type()).isEqualTo(OptionalInt.of(0));
        assertThat(icmp.original().sport()).isEmpty();
        ConntrackEntry udp = r.entries().get(3);
        assertThat(udp.flags()).containsExactly("UNREPLIED");
        assertThat(udp.original().dport()).isEqualTo(OptionalInt.of(5353));
    }

    @Test
    void studyWatchScreenOfLinksAndRoutes() {
        WatchScreenResult r = (WatchScreenResult) auto("watch-ip-link-route.txt");
        assertThat(r.header().interval()).isEqualTo("2.0s");
        assertThat(r.header().command()).startsWith("ip link | egrep 'ens5|eni'");
        assertThat(r.header().host()).isNotEmpty();
        assertThat(r.sections()).hasSize(2);
        IpLinkResult links = (IpLinkResult) r.sections().get(0).result();
        assertThat(links.links()).extracting(Link::name).containsExactly("ens5", "eni5e7e4a0a4d8");
        assertThat(r.sections().get(1).title()).isEqualTo("ROUTE TABLE");
        RouteResult routes = (RouteResult) r.sections().get(1).result();
        assertThat(routes.kind()).isEqualTo(ParserKind.ROUTE_N);
        assertThat(routes.routes()).extracting(x -> x.destination() + " " + x.dev())
                .containsExactly("172.30.46.80 eni5e7e4a0a4d8");
        assertThat(r.sections().get(1).firstLine()).isEqualTo(7);
    }

    @Test
    void studyWatchScreenOfSnatCounters() {
        WatchScreenResult r = (WatchScreenResult) auto("watch-iptables-snat.txt");
        assertThat(r.sections()).hasSize(1);
        IptablesListResult listing = (IptablesListResult) r.sections().get(0).result();
        // The watched command says --table nat; the listing alone could not tell.
        assertThat(listing.tables()).extracting(t -> t.name()).containsExactly("nat");
        assertThat(listing.tables().get(0).chains()).extracting(IptablesChain::name)
                .containsExactly("AWS-SNAT-CHAIN-0", "KUBE-POSTROUTING");
        IptablesRule ret = listing.tables().get(0).chains().get(1).rules().get(0);
        assertThat(ret.bytes()).isEqualTo(OptionalLong.of(1028));
        assertThat(ret.extra()).isEqualTo("mark match ! 0x4000/0x4000");
        assertThat(r.toSnapshot(java.time.Instant.EPOCH).rows()).extracting(x -> x.key()).containsExactly(
                "iptables-list|nat AWS-SNAT-CHAIN-0 SNAT 0 -- * * 0.0.0.0/0 !172.30.0.0/16 /* AWS SNAT CHAIN */ "
                        + "ADDRTYPE match dst-type !LOCAL to:172.30.46.72 random-fully",
                "iptables-list|nat KUBE-POSTROUTING RETURN 0 -- * * 0.0.0.0/0 0.0.0.0/0 mark match ! 0x4000/0x4000");
    }
}
