package io.labbench.packetpath.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LocalLab;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.net.ProcessRunner;
import io.labbench.locallab.net.VpcCniPodNetwork;
import io.labbench.netparse.model.ConntrackEntry;
import io.labbench.packetpath.Direction;
import io.labbench.packetpath.Hop;
import io.labbench.packetpath.HopKind;
import io.labbench.packetpath.PacketPath;
import io.labbench.packetpath.PathResolver;
import io.labbench.packetpath.PathText;
import io.labbench.packetpath.Place;
import io.labbench.packetpath.Places;
import io.labbench.packetpath.Rewrite;
import io.labbench.packetpath.cluster.ClusterState;
import io.labbench.packetpath.kernel.MachineState;
import io.labbench.packetpath.live.CounterReading;
import io.labbench.packetpath.live.LiveKernel;
import io.labbench.packetpath.live.MachineShell;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolved path against what the kernel did on a real local lab (root): the counters the path names
 * are exactly the iptables counters that rose on its nodes while a ping ran, and its rewrites are the ones
 * conntrack recorded for the flow.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PathOnLocalLabTest {

    @TempDir
    static Path stateRoot;
    private LocalLab lab;
    private VpcCniPodNetwork pods;
    private MachineShell shell;

    @BeforeAll
    void up() throws IOException {
        // as locallab's TestLabs.settings: a random lbt… prefix, so parallel runs and leftovers never collide
        byte[] random = new byte[3];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(random);
        String prefix = "lbt" + java.util.HexFormat.of().formatHex(random);
        LabSettings settings = LabSettings.defaults(stateRoot, prefix).withKubeconfig(stateRoot.resolve(prefix + "-kubeconfig"));
        lab = new LocalLab(settings);
        lab.up((done, total, message) -> { });
        pods = lab.podNetwork();
        pods.attach("default", "pod-1", "worker1", false);
        pods.attach("default", "pod-2", "worker2", false);
        shell = LabClusterState.shell(lab);
    }

    @AfterAll
    void down() throws IOException {
        if (lab != null) {
            lab.down();
        }
    }

    private ClusterState cluster() throws IOException {
        return LabClusterState.of(lab, shell);
    }

    private PacketPath resolve(ClusterState cluster, String from, String to) {
        Place a = Places.parse(from, cluster).place().orElseThrow();
        Place b = Places.parse(to, cluster).place().orElseThrow();
        return new PathResolver(cluster, new LiveKernel(shell)).resolve(Places.flow(a, b, "", 0));
    }

    private void ping(String pod, String address) throws IOException {
        String out = ProcessRunner.run(pods.execArgv("default", pod, List.of("ping", "-c", "2", "-W", "5", address)), "");
        assertThat(out).contains("2 received");
    }

    private static Set<String> nodesOf(PacketPath path) {
        return path.hops().stream().map(Hop::machine).filter(m -> !m.startsWith("pod/") && !m.equals(PathResolver.VPC)
                && !m.equals(PathResolver.INTERNET)).collect(Collectors.toSet());
    }

    @Test
    void podToPodAcrossNodesNamesExactlyTheCountersThePingRaisedAndRewritesNothing() throws IOException {
        ClusterState cluster = cluster();
        Set<String> nodes = Set.of("worker1", "worker2");
        CounterReading before = CounterReading.read(nodes, shell);
        String ip2 = cluster.pods().stream().filter(p -> p.name().equals("pod-2")).findFirst().orElseThrow().ip();
        ping("pod-1", ip2);
        CounterReading after = CounterReading.read(nodes, shell);

        PacketPath path = resolve(cluster, "pod-1", "pod-2");
        String shown = PathText.render(path, after.rises(before));
        assertThat(path.outcome()).as(shown).isEqualTo(PacketPath.Outcome.DELIVERED);
        assertThat(nodesOf(path)).as(shown).isEqualTo(nodes);
        assertThat(after.rises(before)).as("the ping raised counters on both workers").isNotEmpty();
        assertThat(Set.copyOf(path.counters())).as(shown).isEqualTo(after.rises(before).keySet());
        System.out.println(shown);
        assertThat(path.hops()).as(shown).allSatisfy(h -> assertThat(h.rewrite()).isEmpty());
        // the forward direction leaves worker1 by an ENI, crosses the VPC and reaches pod-2 through its host veth
        List<Hop> forward = path.hops(Direction.FORWARD);
        assertThat(forward.get(0).machine()).isEqualTo("pod/default/pod-1");
        assertThat(forward).as(shown).anySatisfy(h -> {
            assertThat(h.kind()).isEqualTo(HopKind.FABRIC);
            assertThat(h.matched()).contains("worker2");
        });
        assertThat(forward.get(forward.size() - 1).machine()).isEqualTo("pod/default/pod-2");
        assertThat(path.hops(Direction.REPLY).get(path.hops(Direction.REPLY).size() - 1).machine()).isEqualTo("pod/default/pod-1");
        // conntrack on worker1 agrees that nothing was translated: the reply comes from pod-2 to pod-1 unchanged
        String ip1 = Places.parse("pod-1", cluster).place().orElseThrow().address();
        ConntrackEntry entry = conntrack("worker1", ip1, ip2).orElseThrow();
        assertThat(entry.reply().src()).isEqualTo(ip2);
        assertThat(entry.reply().dst()).isEqualTo(ip1);
    }

    @Test
    void podToTheInternetIsSnatedToTheNodeAddressAsConntrackRecordedAndCountsWhatTheKernelCounted() throws IOException {
        ClusterState cluster = cluster();
        Set<String> nodes = Set.of("worker1");
        CounterReading before = CounterReading.read(Set.of("worker1", "worker2", "master"), shell);
        ping("pod-1", LabTopology.INET_ADDRESS);
        CounterReading after = CounterReading.read(Set.of("worker1", "worker2", "master"), shell);

        PacketPath path = resolve(cluster, "pod-1", "internet");
        String shown = PathText.render(path, after.rises(before));
        assertThat(path.outcome()).as(shown).isEqualTo(PacketPath.Outcome.LEFT_THE_LAB);
        assertThat(nodesOf(path)).as(shown).isEqualTo(nodes);
        assertThat(after.rises(before)).as("the ping raised counters on worker1").isNotEmpty();
        assertThat(Set.copyOf(path.counters())).as(shown).isEqualTo(after.rises(before).keySet());
        System.out.println(shown);

        List<Rewrite> rewrites = path.hops(Direction.FORWARD).stream().map(Hop::rewrite).flatMap(Optional::stream).toList();
        assertThat(rewrites).as(shown).hasSize(1);
        Rewrite snat = rewrites.get(0);
        String ip1 = Places.parse("pod-1", cluster).place().orElseThrow().address();
        ConntrackEntry entry = conntrack("worker1", ip1, LabTopology.INET_ADDRESS).orElseThrow();
        assertThat(snat.field()).isEqualTo("source");
        assertThat(snat.before()).isEqualTo(ip1);
        assertThat(snat.after()).isEqualTo(entry.reply().dst()).isEqualTo(cluster.node("worker1").orElseThrow().primaryIp());
        Hop snatHop = path.hops().stream().filter(h -> h.rewrite().isPresent() && h.direction() == Direction.FORWARD)
                .findFirst().orElseThrow();
        assertThat(snatHop.object()).startsWith("nat AWS-SNAT-CHAIN-0");
        assertThat(snatHop.matched()).contains("-j SNAT --to-source " + snat.after());
        // the reply is un-SNATed by conntrack on worker1 back to pod-1
        assertThat(path.hops(Direction.REPLY)).as(shown).anySatisfy(h -> {
            assertThat(h.kind()).isEqualTo(HopKind.CONNTRACK);
            assertThat(h.rewrite()).contains(new Rewrite("destination", snat.after(), ip1));
        });
        // the mark AWS-CONNMARK-CHAIN-0 gives non-VPC traffic selects ip rule 1024 (fwmark 0x80/0x80)
        assertThat(path.hops(Direction.FORWARD)).as(shown).anySatisfy(h -> assertThat(h.object()).isEqualTo("ip rule 1024"));
    }

    @Test
    void aTraceReadsEveryNodeWithOneCommandAllAtOnceAndThenOnlyAsksRoutes() throws IOException {
        java.util.Map<String, java.util.List<String>> commands = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger mostAtOnce = new java.util.concurrent.atomic.AtomicInteger();
        MachineShell counting = (machine, command) -> {
            commands.computeIfAbsent(machine, m -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(command);
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                return shell.run(machine, command);
            } finally {
                running.decrementAndGet();
            }
        };
        List<String> nodes = List.of("kops-ec2", "master", "worker1", "worker2");
        LiveKernel kernel = new LiveKernel(counting);
        java.util.Map<String, MachineState> read = kernel.prefetch(nodes);

        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(nodes);
        assertThat(commands).allSatisfy((machine, list) -> assertThat(list).hasSize(1));
        assertThat(mostAtOnce.get()).as("the nodes are read side by side").isGreaterThan(1);
        // the snapshot holds what the cluster needs too: worker1's ENI and its address
        String worker1Ip = cluster().node("worker1").orElseThrow().primaryIp();
        assertThat(read.get("worker1").interfaces()).anySatisfy(i -> {
            assertThat(i.name()).isEqualTo("ens5");
            assertThat(i.addresses()).anySatisfy(a -> assertThat(a.cidr()).startsWith(worker1Ip + "/"));
        });
        assertThat(read.get("worker1").rules().hasTable("nat")).isTrue();

        ClusterState cluster = cluster();
        Place a = Places.parse("pod-1", cluster).place().orElseThrow();
        Place b = Places.parse("pod-2", cluster).place().orElseThrow();
        commands.clear();
        PacketPath path = new PathResolver(cluster, kernel).resolve(Places.flow(a, b, "", 0));
        assertThat(path.outcome()).as(PathText.render(path)).isEqualTo(PacketPath.Outcome.DELIVERED);
        assertThat(commands.values().stream().flatMap(List::stream)).as("after the snapshots, the walk only asks routes")
                .isNotEmpty().allSatisfy(c -> assertThat(c).startsWith("ip route get "));
    }

    private Optional<ConntrackEntry> conntrack(String node, String src, String dst) throws IOException {
        MachineState st = new LiveKernel(shell).machine(node).orElseThrow();
        return st.conntrack().stream().filter(e -> e.original().src().equals(src) && e.original().dst().equals(dst)).findFirst();
    }

}
