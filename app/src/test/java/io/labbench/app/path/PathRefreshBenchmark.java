package io.labbench.app.path;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.packetpath.PacketPath;
import io.labbench.sessions.AppDirs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * How long one live refresh of a path takes on a running lab (what the Path view does every second):
 * reading the counters of the path's machines ({@code iptables-save -c} in each, over nsenter) and
 * building the rows. Not a test; run it against {@code labbench lab up --prefix PREFIX} with pod-1/pod-2:
 * {@code java -cp <test classpath> io.labbench.app.path.PathRefreshBenchmark PREFIX [FROM TO [runs]]}.
 * Prints the median and 90th percentile, and the trace time for comparison.
 */
public final class PathRefreshBenchmark {

    private PathRefreshBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String prefix = args[0];
        String from = args.length > 2 ? args[1] : "pod-1";
        String to = args.length > 2 ? args[2] : "pod-2";
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        LabSettings settings = LabSettings.defaults(AppDirs.fromEnvironment().state().resolve("locallab"), prefix);
        PathSource source = LocalLabPathSource.running(settings).orElseThrow();
        long t0 = System.nanoTime();
        PacketPath path = source.resolve(from, to, "", 0);
        long traceMillis = (System.nanoTime() - t0) / 1_000_000;
        var baseline = source.counters(Set.copyOf(path.machines()));
        var previous = baseline;
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            var now = source.counters(Set.copyOf(path.machines()));
            PathViewModel.rows(path, now, previous, baseline);
            previous = now;
            millis.add((System.nanoTime() - s) / 1_000_000);
        }
        Collections.sort(millis);
        System.out.printf("%s → %s: %d hops, %d counters on %s; trace %d ms; refresh median %d ms, p90 %d ms, max %d ms (%d runs)%n",
                from, to, path.hops().size(), path.counters().size(), path.machines(), traceMillis, millis.get(runs / 2),
                millis.get(runs * 9 / 10), millis.get(runs - 1), runs);
    }
}
