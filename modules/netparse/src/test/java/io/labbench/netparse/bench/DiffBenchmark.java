package io.labbench.netparse.bench;

import io.labbench.netparse.NetParsers;
import io.labbench.netparse.ParserKind;
import io.labbench.netparse.snapshot.Snapshot;
import io.labbench.netparse.snapshot.SnapshotDiff;
import io.labbench.netparse.snapshot.SnapshotDiffer;
import java.time.Instant;
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

/**
 * Diff of two 10,000-rule snapshots two seconds apart: every counter re-drawn (as after two seconds of
 * traffic), so nearly every row is a counter change; and the snapshot building that precedes it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class DiffBenchmark {
    Snapshot older;
    Snapshot newer;
    io.labbench.netparse.ParseResult parsed;

    @Setup
    public void setUp() {
        Instant t0 = Instant.parse("2026-01-24T23:06:00Z");
        parsed = NetParsers.parse(ParserKind.IPTABLES_LIST, BenchInputs.iptablesListing(10_000, 1));
        older = parsed.toSnapshot(t0);
        newer = NetParsers.parse(ParserKind.IPTABLES_LIST, BenchInputs.iptablesListing(10_000, 3)).toSnapshot(t0.plusSeconds(2));
    }

    @Benchmark
    public SnapshotDiff diff10kRuleSnapshots() {
        return SnapshotDiffer.diff(older, newer);
    }

    @Benchmark
    public Snapshot snapshotOf10kRules() {
        return parsed.toSnapshot(Instant.EPOCH);
    }
}
