package io.labbench.netparse.bench;

import io.labbench.netparse.NetParsers;
import io.labbench.netparse.ParseResult;
import io.labbench.netparse.ParserKind;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse time of big outputs, each next to a plain {@code String.split} scan of the same text (lines, then
 * words) so the figures can be read as a ratio that does not depend on the machine's speed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class ParseBenchmark {
    String listing;
    String save;
    String routes;

    @Setup
    public void setUp() {
        listing = BenchInputs.iptablesListing(10_000, 1);
        save = BenchInputs.iptablesSave(10_000, 2);
        routes = BenchInputs.ipRoutes(5_000);
    }

    @Benchmark
    public ParseResult iptablesList10kRules() {
        return NetParsers.parse(ParserKind.IPTABLES_LIST, listing);
    }

    @Benchmark
    public void iptablesList10kRulesSplitScan(Blackhole bh) {
        splitScan(listing, bh);
    }

    @Benchmark
    public ParseResult iptablesSave10kRules() {
        return NetParsers.parse(ParserKind.IPTABLES_RULES, save);
    }

    @Benchmark
    public void iptablesSave10kRulesSplitScan(Blackhole bh) {
        splitScan(save, bh);
    }

    @Benchmark
    public ParseResult ipRoute5kRoutes() {
        return NetParsers.parse(ParserKind.IP_ROUTE, routes);
    }

    @Benchmark
    public void ipRoute5kRoutesSplitScan(Blackhole bh) {
        splitScan(routes, bh);
    }

    /** The baseline: what the least a parser must do costs, with the JDK's fast single-char split. */
    static void splitScan(String text, Blackhole bh) {
        for (String line : text.split("\n")) {
            bh.consume(line.split(" "));
        }
    }
}
