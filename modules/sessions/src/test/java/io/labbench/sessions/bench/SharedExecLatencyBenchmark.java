package io.labbench.sessions.bench;

import io.labbench.sessions.CommandResult;
import io.labbench.sessions.CommandRunner;
import io.labbench.sessions.SessionHub;
import io.labbench.sessions.ssh.NodeCommandRunner;
import io.labbench.sessions.testing.Benchmarks;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code true} run 50 times the way the app runs a watch's command (the hub's runner for the endpoint: through
 * the command runner it keeps on the node, over the shared connection) against 50 fresh
 * {@code ssh -p PORT 127.0.0.1 true} OpenSSH runs (a handshake each) on the same server: Debian's sshd, as a
 * real node runs it, or the in-JVM MINA server when sshd cannot run here. Round by round, interleaved, it also
 * times {@code true} in a plain exec channel of a second hub with the runner switched off (the path before
 * the runner, and the app's fallback), so the A/B holds under load. Prints the medians and the ratio (goal:
 * shared ≤ 1/10 of fresh).
 */
public final class SharedExecLatencyBenchmark {

    private static final int RUNS = 50;

    public static void main(String[] args) throws Exception {
        try (BenchBed bed = BenchBed.preferringOpenSsh(); SessionHub plainHub = bed.hub(false)) {
            CommandRunner runner = bed.hub().runner(BenchBed.NODE).orElseThrow();
            CommandRunner plain = plainHub.runner(BenchBed.NODE).orElseThrow();
            runner.run("true", Duration.ofSeconds(30));
            String path = runner instanceof NodeCommandRunner node && node.awaitNodeRunner(Duration.ofSeconds(30))
                    ? "the command runner on the node" : "plain exec channels (the runner did not start)";
            for (int i = 0; i < 10; i++) {
                runner.run("true", Duration.ofSeconds(30));
                plain.run("true", Duration.ofSeconds(30));
                bed.timeOpenSsh("true");
            }
            long[] shared = new long[RUNS];
            long[] plainExec = new long[RUNS];
            long[] fresh = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long started = System.nanoTime();
                CommandResult result = runner.run("true", Duration.ofSeconds(30));
                shared[i] = System.nanoTime() - started;
                if (result.exitCode() != 0) {
                    throw new IllegalStateException("true failed: " + result);
                }
                started = System.nanoTime();
                plain.run("true", Duration.ofSeconds(30));
                plainExec[i] = System.nanoTime() - started;
                fresh[i] = bed.timeOpenSsh("true");
            }
            double sharedMs = Benchmarks.median(shared) / 1e6;
            double plainMs = Benchmarks.median(plainExec) / 1e6;
            double freshMs = Benchmarks.median(fresh) / 1e6;
            System.out.printf(Locale.ROOT, "exec `true` on %s, median of %d: shared connection through %s %.1f ms,"
                    + " fresh OpenSSH ssh %.1f ms, shared/fresh %.3f (goal <= 0.1); A/B, same rounds: a plain exec channel"
                    + " on a shared connection %.1f ms (%.3f of fresh)%n",
                    bed.serverName(), RUNS, path, sharedMs, freshMs, sharedMs / freshMs, plainMs, plainMs / freshMs);
            // Machine-readable line for ./run-benchmarks: metric, value, unit, reference, goal.
            System.out.printf(Locale.ROOT, "BENCH\texec `true`, shared connection (ref: fresh OpenSSH ssh)\t%.2f\tms\t%.2f\t<=0.1x%n",
                    sharedMs, freshMs);
        }
    }
}
