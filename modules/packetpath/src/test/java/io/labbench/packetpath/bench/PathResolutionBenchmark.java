package io.labbench.packetpath.bench;

import io.labbench.packetpath.Flow;
import io.labbench.packetpath.PacketPath;
import io.labbench.packetpath.PathResolver;
import io.labbench.packetpath.cluster.ClusterState;
import io.labbench.packetpath.kernel.RecordedKernel;
import io.labbench.packetpath.netfilter.Ruleset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Path resolution on a node with about {@code 8 × services} nat rules: {@code resolve} from parsed
 * snapshots (the target: ≤ 50 ms at 2,000 rules), and {@code parseAndResolve} including reading the
 * {@code iptables-save -c} text, which a live refresh of the path pays too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PathResolutionBenchmark {

    @Param({"250", "1000"})
    // 250 Services = 2,000 nat rules (the target), 1000 = 8,000
    int services;

    private KubeProxyNode node;
    private ClusterState cluster;
    private RecordedKernel kernel;
    private Flow flow;

    @Setup
    public void setUp() {
        node = new KubeProxyNode(services);
        cluster = node.cluster();
        kernel = node.kernel(node.rules());
        flow = node.flow(cluster);
    }

    @Benchmark
    public PacketPath resolve() {
        return new PathResolver(cluster, kernel).resolve(flow);
    }

    @Benchmark
    public PacketPath parseAndResolve() {
        Ruleset rules = node.rules();
        return new PathResolver(cluster, node.kernel(rules)).resolve(flow);
    }
}
