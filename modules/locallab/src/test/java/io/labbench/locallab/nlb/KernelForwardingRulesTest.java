package io.labbench.locallab.nlb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DNAT rules and bridge redirects of an instance-mode NLB that keeps the client's address. */
class KernelForwardingRulesTest {

    private static final NlbSpec.HealthCheckTiming TIMING = new NlbSpec.HealthCheckTiming(10, 6, 2, 2);
    private static final List<NlbModel.ZoneNode> ZONES = List.of(new NlbModel.ZoneNode("us-east-1a", "subnet-a", "172.30.40.1"),
            new NlbModel.ZoneNode("us-east-1c", "subnet-c", "172.30.70.1"));
    private static final NlbModel.Target WORKER1 = new NlbModel.Target("i-01", "172.30.46.72", 31245, "us-east-1a");
    private static final NlbModel.Target WORKER2 = new NlbModel.Target("i-02", "172.30.89.212", 31245, "us-east-1c");

    private static NlbModel model(boolean crossZone) {
        NlbModel.TargetGroup group = new NlbModel.TargetGroup("k8s-default-svc-tg", "arn:tg", "instance", 31245, "TCP", "32100",
                "/healthz", TIMING, List.of(WORKER1, WORKER2));
        return new NlbModel("default/svc", "k8s-default-svc-0123456789", "arn:lb", "dns", "internet-facing", crossZone, false, false,
                ZONES, List.of(new NlbModel.Listener(80, "TCP", java.util.Optional.empty(), group)));
    }

    @Test
    void crossZoneSpreadsNewConnectionsOverTheTargetsInServiceLikeKubeProxyAndKeepsTheSource() {
        String both = KernelForwardingRules.nat(model(true), t -> true);
        assertThat(both).startsWith("*nat\n").endsWith("COMMIT\n").contains(":NLB-80 - [0:0]\n")
                .contains("-A PREROUTING -d 172.30.40.1/32 -p tcp -m tcp --dport 80 -m comment --comment \"k8s-default-svc-0123456789 listener 80\" -j NLB-80\n")
                .contains("-A PREROUTING -d 172.30.70.1/32 -p tcp -m tcp --dport 80")
                .contains("-A NLB-80 -p tcp -m comment --comment \"k8s-default-svc-tg i-01\" -m statistic --mode random --probability 0.50000000000 -j DNAT --to-destination 172.30.46.72:31245\n")
                .contains("-A NLB-80 -p tcp -m comment --comment \"k8s-default-svc-tg i-02\" -j DNAT --to-destination 172.30.89.212:31245\n")
                .doesNotContain("SNAT").doesNotContain("MASQUERADE");

        // worker2 fails kube-proxy's /healthz (no local endpoint): only worker1 gets new connections
        String one = KernelForwardingRules.nat(model(true), t -> t.equals(WORKER1));
        assertThat(one).contains("-j DNAT --to-destination 172.30.46.72:31245\n").doesNotContain("172.30.89.212").doesNotContain("statistic");

        // no target passes: the NLB fails open to all of them
        assertThat(KernelForwardingRules.nat(model(true), t -> false)).contains("172.30.46.72:31245").contains("172.30.89.212:31245");
    }

    @Test
    void withoutCrossZoneEachAddressSendsOnlyToItsZonesTargets() {
        String nat = KernelForwardingRules.nat(model(false), t -> true);
        assertThat(nat).contains("-A PREROUTING -d 172.30.40.1/32 -p tcp -m tcp --dport 80 -m comment --comment \"k8s-default-svc-0123456789 listener 80\" -j NLB-80-A\n")
                .contains("-A NLB-80-A -p tcp -m comment --comment \"k8s-default-svc-tg i-01\" -j DNAT --to-destination 172.30.46.72:31245\n")
                .contains("-A NLB-80-C -p tcp -m comment --comment \"k8s-default-svc-tg i-02\" -j DNAT --to-destination 172.30.89.212:31245\n");
    }

    @Test
    void anInternetFacingNlbShowsItsTargetsALabInstanceByItsPublicAddressAnInternalOneByItsPrivateOne() {
        Map<String, String> publicAddresses = Map.of("172.30.32.10", "198.51.100.10");
        String internetFacing = KernelForwardingRules.nat(model(true), t -> true, publicAddresses);
        assertThat(internetFacing).contains("-A POSTROUTING -s 172.30.32.10/32 -m conntrack --ctstate DNAT -m comment --comment"
                + " \"k8s-default-svc-0123456789 internet-facing: the client's public address\" -j SNAT --to-source 198.51.100.10\n");
        NlbModel m = model(true);
        NlbModel internal = new NlbModel(m.serviceKey(), m.name(), m.arn(), m.dnsName(), "internal", true, false, false, m.zones(), m.listeners());
        assertThat(KernelForwardingRules.nat(internal, t -> true, publicAddresses)).doesNotContain("SNAT");
    }

    @Test
    void eachTargetsRepliesAreHandedToTheNlbsInterfaceInItsOwnSubnet() {
        List<List<String>> rules = KernelForwardingRules.replyRedirects(model(true), "NLB0",
                Map.of("us-east-1a", "0a:00:00:00:00:0a", "us-east-1c", "0a:00:00:00:00:0c"));
        assertThat(rules).containsExactly(
                List.of("-A", "NLB0", "-s", "0a:00:00:00:00:0a", "-j", "RETURN"),
                List.of("-A", "NLB0", "-s", "0a:00:00:00:00:0c", "-j", "RETURN"),
                List.of("-A", "NLB0", "-p", "IPv4", "--ip-src", "172.30.46.72", "--ip-proto", "tcp", "--ip-sport", "31245",
                        "-j", "dnat", "--to-dst", "0a:00:00:00:00:0a", "--dnat-target", "ACCEPT"),
                List.of("-A", "NLB0", "-p", "IPv4", "--ip-src", "172.30.89.212", "--ip-proto", "tcp", "--ip-sport", "31245",
                        "-j", "dnat", "--to-dst", "0a:00:00:00:00:0c", "--dnat-target", "ACCEPT"));
    }

    @Test
    void onlyPlainTcpInstanceListenersAreForwardedByTheKernel() {
        assertThat(model(true).keepsClientAddress()).isTrue();
        NlbModel m = model(true);
        NlbModel proxied = new NlbModel(m.serviceKey(), m.name(), m.arn(), m.dnsName(), m.scheme(), true, true, false, m.zones(), m.listeners());
        assertThat(proxied.keepsClientAddress()).as("PROXY v2 needs HAProxy").isFalse();
        NlbModel.Listener l = m.listeners().get(0);
        NlbModel tls = new NlbModel(m.serviceKey(), m.name(), m.arn(), m.dnsName(), m.scheme(), true, false, false, m.zones(),
                List.of(new NlbModel.Listener(443, "TLS", java.util.Optional.of("arn:cert"), l.targetGroup())));
        assertThat(tls.keepsClientAddress()).as("TLS termination needs HAProxy").isFalse();
    }

    @Test
    void theDnatRulesPacketCountersAreTheConnectionsEachTargetTookSummedOverZoneChains() {
        // iptables-save -c -t nat (iptables 1.8.9, nf_tables) of a table nat() wrote, counters as after some connections
        String saved = """
                # Generated by iptables-save v1.8.9 (nf_tables) on Mon Dec  7 12:11:19 2026
                *nat
                :PREROUTING ACCEPT [0:0]
                :NLB-80-A - [0:0]
                :NLB-80-C - [0:0]
                [41:2460] -A PREROUTING -d 172.30.40.1/32 -p tcp -m tcp --dport 80 -m comment --comment "k8s-default-svc-0123456789 listener 80" -j NLB-80-A
                [22:1320] -A NLB-80-A -p tcp -m comment --comment "k8s-default-svc-tg i-01" -m statistic --mode random --probability 0.50000000000 -j DNAT --to-destination 172.30.46.72:31245
                [19:1140] -A NLB-80-A -p tcp -m comment --comment "k8s-default-svc-tg i-02" -j DNAT --to-destination 172.30.89.212:31245
                [5:300] -A NLB-80-C -p tcp -m comment --comment "k8s-default-svc-tg i-02" -j DNAT --to-destination 172.30.89.212:31245
                [7:420] -A NLB-443 -p tcp -m comment --comment "k8s-default-svc-tg2 i-01" -j DNAT --to-destination 172.30.46.72:30443
                COMMIT
                """;
        assertThat(KernelForwardingRules.connections(saved)).isEqualTo(Map.of(
                80, Map.of("i-01:31245", 22L, "i-02:31245", 24L),
                443, Map.of("i-01:30443", 7L)));
        assertThat(KernelForwardingRules.connections(KernelForwardingRules.nat(model(true), t -> true))).as("no counters, no counts").isEmpty();
        assertThat(KernelForwardingRules.destinations(KernelForwardingRules.nat(model(true), t -> t.equals(WORKER1))))
                .containsExactly("172.30.46.72:31245");
    }
}
