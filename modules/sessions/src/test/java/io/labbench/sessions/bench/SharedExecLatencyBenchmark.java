package io.labbench.sessions.bench;

import io.labbench.sessions.CommandResult;
import io.labbench.sessions.CommandRunner;
import io.labbench.sessions.testing.Benchmarks;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code true} run 50 times through the shared connection's exec channels (what a watch does every
 * second) against 50 fresh {@code ssh -p PORT 127.0.0.1 true} OpenSSH runs (a handshake each) on the same
 * MINA server. Prints both medians and their ratio (goal: shared ≤ 1/10 of fresh).
 */
public final class SharedExecLatencyBenchmark {

    private static final int RUNS = 50;

    public static void main(String[] args) throws Exception {
        try (BenchBed bed = new BenchBed()) {
            CommandRunner runner = bed.hub().runner(BenchBed.NODE).orElseThrow();
            for (int i = 0; i < 10; i++) {
                runner.run("true", Duration.ofSeconds(30));
                bed.timeOpenSsh("true");
            }
            long[] shared = new long[RUNS];
            long[] fresh = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long started = System.nanoTime();
                CommandResult result = runner.run("true", Duration.ofSeconds(30));
                shared[i] = System.nanoTime() - started;
                if (result.exitCode() != 0) {
                    throw new IllegalStateException("true failed: " + result);
                }
                fresh[i] = bed.timeOpenSsh("true");
            }
            double sharedMs = Benchmarks.median(shared) / 1e6;
            double freshMs = Benchmarks.median(fresh) / 1e6;
            System.out.printf("exec `true`, median of %d: shared connection %.1f ms, fresh OpenSSH ssh %.1f ms,"
                    + " shared/fresh %.3f (goal <= 0.1); TCP connections the server accepted from the hub: 1 + %d from ssh%n",
                    RUNS, sharedMs, freshMs, sharedMs / freshMs, bed.mina.orElseThrow().connectionsAccepted() - 1);
            // Machine-readable line for ./run-benchmarks: metric, value, unit, reference, goal.
            System.out.printf(Locale.ROOT, "BENCH\texec `true`, shared connection (ref: fresh OpenSSH ssh)\t%.2f\tms\t%.2f\t<=0.1x%n",
                    sharedMs, freshMs);
        }
    }
}
