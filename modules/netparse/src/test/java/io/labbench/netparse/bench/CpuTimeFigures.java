package io.labbench.netparse.bench;

import io.labbench.netparse.NetParsers;
import io.labbench.netparse.ParserKind;
import io.labbench.netparse.snapshot.Snapshot;
import io.labbench.netparse.snapshot.SnapshotDiffer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The same figures as the JMH benchmarks, measured in thread CPU time: on a machine shared with other
 * busy jobs, wall time mostly measures the waiting, CPU time what the code costs. Median of 30 runs after
 * 30 warm-up runs. Run: {@code java -cp <test classpath> io.labbench.netparse.bench.CpuTimeFigures}.
 */
public final class CpuTimeFigures {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTimeFigures() {
    }

    public static void main(String[] args) {
        String listing = BenchInputs.iptablesListing(10_000, 1);
        String save = BenchInputs.iptablesSave(10_000, 2);
        String routes = BenchInputs.ipRoutes(5_000);
        report("iptables -L -n -v -x, 10k rules", listing, () -> NetParsers.parse(ParserKind.IPTABLES_LIST, listing));
        report("iptables-save -c, 10k rules", save, () -> NetParsers.parse(ParserKind.IPTABLES_RULES, save));
        report("ip route, 5k routes", routes, () -> NetParsers.parse(ParserKind.IP_ROUTE, routes));
        Instant t0 = Instant.EPOCH;
        Snapshot older = NetParsers.parse(ParserKind.IPTABLES_LIST, listing).toSnapshot(t0);
        Snapshot newer = NetParsers.parse(ParserKind.IPTABLES_LIST, BenchInputs.iptablesListing(10_000, 3))
                .toSnapshot(t0.plusSeconds(2));
        double diff = medianMillis(() -> SnapshotDiffer.diff(older, newer));
        System.out.printf("diff of two 10k-rule snapshots: %.2f ms CPU%n", diff);
    }

    private static void report(String what, String text, Supplier<Object> parse) {
        double parseMs = medianMillis(parse);
        double splitMs = medianMillis(() -> {
            int words = 0;
            for (String line : text.split("\n")) {
                words += line.split(" ").length;
            }
            return words;
        });
        double mb = text.length() / 1e6;
        System.out.printf("%s (%.2f MB): parse %.2f ms CPU (%.0f MB/s), split scan %.2f ms, ratio %.2f%n",
                what, mb, parseMs, mb / (parseMs / 1000), splitMs, parseMs / splitMs);
    }

    private static double medianMillis(Supplier<Object> work) {
        long[] runs = new long[30];
        Object sink = null;
        for (int i = 0; i < 30; i++) {
            sink = work.get();
        }
        for (int i = 0; i < runs.length; i++) {
            long start = THREADS.getCurrentThreadCpuTime();
            sink = work.get();
            runs[i] = THREADS.getCurrentThreadCpuTime() - start;
        }
        if (sink == null) {
            throw new IllegalStateException();
        }
        java.util.Arrays.sort(runs);
        return runs[runs.length / 2] / 1e6;
    }
}
