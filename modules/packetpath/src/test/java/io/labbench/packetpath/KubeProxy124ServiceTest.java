package io.labbench.packetpath;

import static io.labbench.packetpath.KubeProxy124Node.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.labbench.packetpath.netfilter.ChainWalk;
import io.labbench.packetpath.netfilter.MatchContext;
import io.labbench.packetpath.netfilter.Packet;
import io.labbench.packetpath.netfilter.Ruleset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Services through kube-proxy 1.24's nat and filter rules (KUBE-SERVICES → KUBE-SVC → KUBE-SEP, NodePorts
 * through KUBE-EXT, Local policy through KUBE-SVL, load balancer IPs through KUBE-FW, the filter table's
 * REJECT for a Service without endpoints), in {@code iptables-save -c} form as the live path reads it.
 */
class KubeProxy124ServiceTest {
    private static final String WEB_SVC_CHAIN = "KUBE-SVC-7EJNTS7AENER2WLV";

    private static List<String> objects(PacketPath path) {
        return path.hops(Direction.FORWARD).stream().map(Hop::object).toList();
    }

    private static Hop hop(PacketPath path, String object) {
        return path.hops().stream().filter(h -> h.object().equals(object)).findFirst()
                .orElseThrow(() -> new AssertionError(object + " not in\n" + PathText.render(path)));
    }

    @Test
    void clusterIpTakesOneHopPerChainAndListsEveryEndpointWithItsChance() {
        PacketPath path = resolve("svc/web", "");
        String shown = PathText.render(path);
        assertThat(objects(path)).as(shown).containsSubsequence("nat PREROUTING #1", "nat KUBE-SERVICES #2",
                "nat " + WEB_SVC_CHAIN + " #2", "nat KUBE-SEP-2TRGLSNGDRHS7SJM #2");
        // the masquerade mark is for sources outside 172.30.0.0/16; the client is inside
        assertThat(objects(path)).as(shown).doesNotContain("nat " + WEB_SVC_CHAIN + " #1", "nat KUBE-SEP-2TRGLSNGDRHS7SJM #1");
        assertThat(hop(path, "nat KUBE-SEP-2TRGLSNGDRHS7SJM #2").rewrite())
                .contains(new Rewrite("destination", WEB_SVC + ":80", WEB_A + ":8080"));

        Hop pick = hop(path, "nat " + WEB_SVC_CHAIN + " #2");
        assertThat(pick.choices()).extracting(Choice::endpoint).containsExactly(WEB_A + ":8080", WEB_B + ":8080", WEB_C + ":8080");
        // 0.333…, then 0.5 of the remaining two thirds, then the rest: a third each
        assertThat(pick.choices()).allSatisfy(c -> assertThat(c.probability()).isCloseTo(1.0 / 3, within(1e-6)));
        assertThat(pick.choices()).filteredOn(Choice::followed).extracting(Choice::chain).containsExactly("KUBE-SEP-2TRGLSNGDRHS7SJM");
        // each choice's counter is its endpoint chain's DNAT rule, as the watch snapshots key it
        Set<String> dnatKeys = rules().chain("nat", "KUBE-SEP-VNN3IEQUGY6ULSHG").orElseThrow().rules().stream()
                .map(io.labbench.packetpath.netfilter.NetfilterRule::key).collect(Collectors.toSet());
        assertThat(pick.choices().get(1).counter()).hasValueSatisfying(id -> {
            assertThat(id.chain()).isEqualTo("KUBE-SEP-VNN3IEQUGY6ULSHG");
            assertThat(dnatKeys).contains(id.key());
            assertThat(id.key()).contains("--to-destination " + WEB_B + ":8080");
        });
        assertThat(pick.notes()).anySatisfy(n -> assertThat(n).contains("random pick"));
        // delivered to web-a on the same node, and the reply leaves with the Service's address again
        assertThat(path.outcome()).as(shown).isEqualTo(PacketPath.Outcome.DELIVERED);
        assertThat(path.hops(Direction.REPLY)).as(shown).anySatisfy(h ->
                assertThat(h.rewrite()).contains(new Rewrite("source", WEB_A + ":8080", WEB_SVC + ":80")));
    }

    @Test
    void conntracksEntryTellsWhichEndpointThePathFollows() {
        String entry = "tcp      6 117 TIME_WAIT src=" + CLIENT + " dst=" + WEB_SVC + " sport=40512 dport=80 src=" + WEB_B
                + " dst=" + CLIENT + " sport=8080 dport=40512 [ASSURED] mark=0 use=1\n";
        PacketPath path = resolve("svc/web", entry);
        String shown = PathText.render(path);
        assertThat(objects(path)).as(shown).contains("nat " + WEB_SVC_CHAIN + " #3", "nat KUBE-SEP-VNN3IEQUGY6ULSHG #2")
                .doesNotContain("nat " + WEB_SVC_CHAIN + " #2");
        Hop pick = hop(path, "nat " + WEB_SVC_CHAIN + " #3");
        assertThat(pick.choices()).filteredOn(Choice::followed).extracting(Choice::endpoint).containsExactly(WEB_B + ":8080");
        assertThat(pick.choices()).hasSize(3);
        assertThat(path.hops()).as(shown).anySatisfy(h -> {
            assertThat(h.kind()).isEqualTo(HopKind.CONNTRACK);
            assertThat(h.notes()).contains("conntrack agrees: destination " + WEB_B);
        });
        assertThat(PathJson.write(path, java.util.Map.of())).contains("\"choices\"").contains("\"probability\"");
        assertThat(shown).contains("may pick: KUBE-SEP-VNN3IEQUGY6ULSHG → " + WEB_B + ":8080 (33.3%) ← followed");
    }

    @Test
    void aConnectionStillClosingIsNewerThanOneInTimeWaitWithMoreTimeLeft() {
        // the previous curl went to web-a and waits out TIME_WAIT (117 s left); the one that just ended went to
        // web-b and sits in LAST_ACK (29 s left): the path follows the one that just ended
        String entries = "tcp      6 117 TIME_WAIT src=" + CLIENT + " dst=" + WEB_SVC + " sport=40500 dport=80 src=" + WEB_A
                + " dst=" + CLIENT + " sport=8080 dport=40500 [ASSURED] mark=0 use=1\n"
                + "tcp      6 29 LAST_ACK src=" + CLIENT + " dst=" + WEB_SVC + " sport=40512 dport=80 src=" + WEB_B
                + " dst=" + CLIENT + " sport=8080 dport=40512 [ASSURED] mark=0 use=1\n";
        PacketPath path = resolve("svc/web", entries);
        String shown = PathText.render(path);
        Hop pick = hop(path, "nat " + WEB_SVC_CHAIN + " #3");
        assertThat(pick.choices()).as(shown).filteredOn(Choice::followed).extracting(Choice::endpoint).containsExactly(WEB_B + ":8080");
    }

    @Test
    void nodePortGoesThroughKubeExtWhichMarksForMasqueradeBeforeTheServiceChain() {
        io.labbench.packetpath.cluster.ClusterService web = cluster().services().get(0);
        PacketPath path = KubeProxy124Node.resolve(new Place.Address(NODE_IP, "worker1:30080"), "tcp", 30080);
        String shown = PathText.render(path);
        assertThat(objects(path)).as(shown).containsSubsequence("nat KUBE-SERVICES #5", "nat KUBE-NODEPORTS #1",
                "nat KUBE-EXT-7EJNTS7AENER2WLV #1", "nat KUBE-MARK-MASQ #1", "nat KUBE-EXT-7EJNTS7AENER2WLV #2",
                "nat " + WEB_SVC_CHAIN + " #2", "nat KUBE-SEP-2TRGLSNGDRHS7SJM #2");
        assertThat(hop(path, "nat KUBE-SEP-2TRGLSNGDRHS7SJM #2").rewrite())
                .contains(new Rewrite("destination", NODE_IP + ":30080", WEB_A + ":8080"));
        // the mark makes KUBE-POSTROUTING masquerade: the endpoint sees the node's address
        assertThat(objects(path)).as(shown).contains("nat KUBE-POSTROUTING #3");
        assertThat(web.ports().get(0).nodePort()).isEqualTo(30080);
    }

    @Test
    void loadBalancerIpGoesThroughKubeFwAndPodTrafficSkipsTheLocalOnlyChain() {
        PacketPath path = KubeProxy124Node.resolve(new Place.Address(LB_IP, "local-web LB"), "tcp", 80);
        String shown = PathText.render(path);
        assertThat(objects(path)).as(shown).containsSubsequence("nat KUBE-SERVICES #4", "nat KUBE-FW-QDZFGVMWEN4TFKBU #1",
                "nat KUBE-EXT-QDZFGVMWEN4TFKBU #1", "nat KUBE-SVC-QDZFGVMWEN4TFKBU #2")
                .noneMatch(o -> o.startsWith("nat KUBE-SVL-"));
        assertThat(hop(path, "nat KUBE-SVC-QDZFGVMWEN4TFKBU #2").choices()).extracting(Choice::probability)
                .containsExactly(0.5, 0.5);
    }

    @Test
    void externalTrafficToALocalPolicyNodePortOnlyPicksThisNodesEndpoints() {
        // a client outside the VPC reaching worker1's NodePort 30081 (externalTrafficPolicy: Local)
        Ruleset rules = rules();
        Packet in = new Packet("203.0.113.9", NODE_IP, "tcp", 51000, 30081, 0, 0, "ens5", "", true);
        ChainWalk.Result r = new ChainWalk(rules, new MatchContext(Set.of(NODE_IP), Set.of())).run("nat", "PREROUTING", in);
        List<String> steps = r.steps().stream().map(s -> s.chain() + s.rule().map(x -> " #" + x.position()).orElse("")).toList();
        assertThat(steps).containsSubsequence("KUBE-NODEPORTS #2", "KUBE-EXT-QDZFGVMWEN4TFKBU #4", "KUBE-SVL-QDZFGVMWEN4TFKBU #1",
                "KUBE-SEP-5E7OXCYBKKZDPHOK #2");
        // not pod traffic, not from a local address: neither the masquerade mark nor the cluster-wide chain
        assertThat(steps).doesNotContain("KUBE-EXT-QDZFGVMWEN4TFKBU #1", "KUBE-EXT-QDZFGVMWEN4TFKBU #2", "KUBE-MARK-MASQ #1");
        assertThat(r.packet().dst()).isEqualTo(LOCAL_A);
        assertThat(r.packet().dport()).isEqualTo(8080);
        assertThat(r.packet().mark()).isZero();
    }

    @Test
    void aServiceWithoutEndpointsIsRejectedByTheFilterTablesKubeServices() {
        PacketPath path = resolve("svc/empty-svc", "");
        String shown = PathText.render(path);
        // no nat rule names it: the destination stays the ClusterIP, and FORWARD's new-connection jump rejects it
        assertThat(objects(path)).as(shown).noneMatch(o -> o.startsWith("nat KUBE-SVC-") || o.startsWith("nat KUBE-SEP-"));
        Hop reject = hop(path, "filter KUBE-SERVICES #1");
        assertThat(reject.drops()).isTrue();
        assertThat(reject.matched()).contains("has no endpoints").contains("REJECT");
        assertThat(reject.counter()).hasValueSatisfying(id -> assertThat(id.table()).isEqualTo("filter"));
        assertThat(reject.packets()).hasValue(3);
        assertThat(objects(path)).as(shown).containsSubsequence("filter FORWARD #1", "filter FORWARD #2", "filter KUBE-SERVICES #1");
        assertThat(path.outcome()).isEqualTo(PacketPath.Outcome.DROPPED);
        assertThat(path.hops(Direction.REPLY)).isEmpty();
    }
}
