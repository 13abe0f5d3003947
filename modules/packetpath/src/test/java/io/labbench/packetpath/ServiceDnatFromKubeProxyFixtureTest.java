package io.labbench.packetpath;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.netparse.snapshot.Row;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** ClusterIP Service DNAT resolved from a real kube-proxy node's nat and filter listings (shared fixtures). */
class ServiceDnatFromKubeProxyFixtureTest {

    private static PacketPath resolve(String to, String conntrack) {
        var cluster = FlannelNode.cluster();
        Place from = Places.parse("client", cluster).place().orElseThrow();
        Place dst = Places.parse(to, cluster).place().orElseThrow();
        return new PathResolver(cluster, FlannelNode.kernel(conntrack)).resolve(Places.flow(from, dst, "", 0));
    }

    private static List<String> objects(PacketPath path, Direction d) {
        return path.hops(d).stream().map(Hop::object).toList();
    }

    @Test
    void clusterIpIsDnatedByTheServicesEndpointChainAndRoutedToTheEndpoint() {
        PacketPath path = resolve("svc/nginx-svc", "");
        String shown = PathText.render(path);
        // KUBE-SERVICES rule 4 jumps to the Service chain, which jumps to its one endpoint chain, whose rule 2 DNATs
        assertThat(objects(path, Direction.FORWARD)).as(shown).containsSubsequence("nat PREROUTING #1", "nat KUBE-SERVICES #4",
                "nat KUBE-SVC-R2VK7O5AFVLRAXSH #1", "nat KUBE-SEP-WZIMOURZMGKYESDR #2");
        // the masquerade marks are for sources outside the pod network (! -s 10.244.0.0/16) and the endpoint itself
        assertThat(objects(path, Direction.FORWARD)).as(shown).doesNotContain("nat KUBE-SERVICES #3", "nat KUBE-SEP-WZIMOURZMGKYESDR #1");
        Hop dnat = path.hops().stream().filter(h -> h.object().equals("nat KUBE-SEP-WZIMOURZMGKYESDR #2")).findFirst().orElseThrow();
        assertThat(dnat.rewrite()).contains(new Rewrite("destination", FlannelNode.NGINX_SVC + ":80", FlannelNode.NGINX_POD + ":80"));
        assertThat(dnat.matched()).contains("to:10.244.1.3:80");
        // the kernel is asked about the rewritten destination, and FORWARD accepts the pod network's traffic
        assertThat(path.hops()).as(shown).anySatisfy(h -> {
            assertThat(h.kind()).isEqualTo(HopKind.ROUTE);
            assertThat(h.matched()).isEqualTo("10.244.1.3 via 10.244.1.0 dev flannel.1");
        });
        assertThat(objects(path, Direction.FORWARD)).as(shown).containsSubsequence("filter FORWARD #1", "filter FORWARD #8");
        // flannel's overlay device is not an ENI: the path says where it stops knowing, and why
        assertThat(path.outcome()).isEqualTo(PacketPath.Outcome.UNRESOLVED);
        assertThat(path.notes()).anySatisfy(n -> assertThat(n).contains("flannel.1"));
    }

    @Test
    void counterIdentitiesAreTheWatchSnapshotsRowKeys() {
        PacketPath path = resolve("svc/nginx-svc", "");
        Set<String> rowKeys = java.util.stream.Stream.of(FlannelNode.nat(), FlannelNode.filter())
                .flatMap(r -> r.toSnapshot(Instant.EPOCH).rows().stream()).map(Row::key).collect(Collectors.toSet());
        assertThat(path.counters()).isNotEmpty().allSatisfy(c -> assertThat(rowKeys).contains(c.key()));
    }

    @Test
    void randomEndpointPickFollowsConntracksChoice() {
        String entry = "udp      17 28 src=10.244.0.30 dst=10.96.0.10 sport=40001 dport=53 [UNREPLIED] src=10.244.0.25"
                + " dst=10.244.0.30 sport=53 dport=40001 mark=0 use=1\n";
        PacketPath path = resolve("svc/kube-system/kube-dns:53", entry);
        String shown = PathText.render(path);
        assertThat(objects(path, Direction.FORWARD)).as(shown).contains("nat KUBE-SVC-TCOU7JCQXEZGVUNU #2")
                .doesNotContain("nat KUBE-SVC-TCOU7JCQXEZGVUNU #1").contains("nat KUBE-SEP-NQYSJ3QY2ADXHRG3 #2");
        assertThat(path.outcome()).as(shown).isEqualTo(PacketPath.Outcome.DELIVERED);
        assertThat(path.hops(Direction.FORWARD)).anySatisfy(h -> {
            assertThat(h.kind()).isEqualTo(HopKind.CONNTRACK);
            assertThat(h.notes()).contains("conntrack agrees: destination 10.244.0.25");
        });
        // the reply leaves node1 with the Service's address again: conntrack undoes the DNAT
        assertThat(path.hops(Direction.REPLY)).as(shown).anySatisfy(h ->
                assertThat(h.rewrite()).contains(new Rewrite("source", "10.244.0.25:53", FlannelNode.DNS_SVC + ":53")));
        assertThat(path.hops(Direction.REPLY).get(path.hops(Direction.REPLY).size() - 1).machine()).isEqualTo("pod/default/client");
        // the reply is ESTABLISHED: KUBE-FORWARD's conntrack rule accepts it, and no nat rule sees it
        assertThat(objects(path, Direction.REPLY)).as(shown).contains("filter KUBE-FORWARD #2")
                .noneMatch(o -> o.startsWith("nat "));
    }

    @Test
    void withoutConntrackTheRandomPickShowsTheFirstEndpointAndSaysSo() {
        PacketPath path = resolve("svc/kube-system/kube-dns:53", "");
        Optional<Hop> pick = path.hops().stream().filter(h -> h.object().equals("nat KUBE-SVC-TCOU7JCQXEZGVUNU #1")).findFirst();
        assertThat(pick).hasValueSatisfying(h -> assertThat(h.notes()).anySatisfy(n -> assertThat(n).contains("random pick")));
        assertThat(path.hops()).anySatisfy(h -> assertThat(h.rewrite()).contains(
                new Rewrite("destination", FlannelNode.DNS_SVC + ":53", "10.244.0.24:53")));
    }
}
