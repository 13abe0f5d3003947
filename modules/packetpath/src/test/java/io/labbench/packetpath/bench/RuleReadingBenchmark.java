package io.labbench.packetpath.bench;

import io.labbench.netparse.IptablesRulesResult;
import io.labbench.netparse.parsers.IptablesRulesParser;
import io.labbench.packetpath.PacketPath;
import io.labbench.packetpath.PathResolver;
import io.labbench.packetpath.cluster.ClusterState;
import io.labbench.packetpath.netfilter.Ruleset;
import io.labbench.packetpath.netfilter.RuleReader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What reading a node's rules costs next to netparse's parse of the same {@code iptables-save -c} text (the
 * reference: every refresh of a live path pays the parse anyway). {@code readForPath}: {@link RuleReader}
 * over the parsed rules plus one path walk, which interprets only the chains the walk enters;
 * {@code readEveryChain}: interpreting every rule of every chain, what a reader without lazy chains paid.
 * {@code 8 × services} nat rules, kube-proxy shaped ({@link KubeProxyNode}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RuleReadingBenchmark {

    @Param({"250", "1000"})
    int services;

    private KubeProxyNode node;
    private ClusterState cluster;
    private IptablesRulesResult parsed;

    @Setup
    public void setUp() {
        node = new KubeProxyNode(services);
        cluster = node.cluster();
        parsed = IptablesRulesParser.parse(node.save());
    }

    @Benchmark
    public IptablesRulesResult netparseParse() {
        return IptablesRulesParser.parse(node.save());
    }

    @Benchmark
    public PacketPath readForPath() {
        Ruleset rules = RuleReader.fromSave(parsed, node.save(), "bench");
        return new PathResolver(cluster, node.kernel(rules)).resolve(node.flow(cluster));
    }

    @Benchmark
    public void readEveryChain(Blackhole bh) {
        Ruleset rules = RuleReader.fromSave(parsed, node.save(), "bench");
        rules.chains().forEach(c -> bh.consume(c.rules()));
    }
}
