package io.labbench.app.ui.bench;

import io.labbench.app.ui.terminal.EmulatorWarmUp;
import io.labbench.app.ui.terminal.HeadlessTerminal;
import io.labbench.app.ui.terminal.TerminalSettings;
import io.labbench.app.ui.terminal.TerminalText;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * What a learner's first flood of output meets in the app: in a fresh JVM, {@link EmulatorWarmUp} runs as
 * the window runs it a few seconds after start-up, then the first pass of {@link EmulatorThroughputBenchmark}'s
 * stream ({@code args[0]} MB, default 20) goes into a new pane-like terminal with the app's scrollback. This is
 * not the cold figure (that one, EmulatorThroughputBenchmark's first pass, has no warm-up): it says what the
 * warm-up buys and what it costs (its megabytes, wall and CPU seconds). Run with {@code @app/jvm.options}.
 */
public final class EmulatorAfterWarmUpBenchmark {

    private EmulatorAfterWarmUpBenchmark() {
    }

    public static void main(String[] args) {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        char[] stream = EmulatorThroughputBenchmark.mixedStream(megabytes * 1_000_000);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        EmulatorWarmUp.Result warmUp = EmulatorWarmUp.run();
        double warmUpSeconds = (System.nanoTime() - wall) / 1e9;
        double warmUpCpu = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;

        cpu = threads.getCurrentThreadCpuTime();
        wall = System.nanoTime();
        HeadlessTerminal terminal = HeadlessTerminal.likeAPane(120, 40, TerminalSettings.SCROLLBACK_LINES).feed(stream);
        double seconds = (System.nanoTime() - wall) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        List<String> lines = TerminalText.lines(terminal.buffer());
        if (lines.isEmpty() || !lines.get(lines.size() - 1).contains("END-OF-STREAM")) {
            throw new IllegalStateException("the buffer does not end with the stream's last line");
        }
        System.out.printf("warm-up: %d MB in %.2f s (%.2f s of CPU), %s; then the first %d MB pass: %.2f s = %.1f MB/s"
                        + " (%.1f MB/s per CPU second)%n", warmUp.megabytes(), warmUpSeconds, warmUpCpu,
                warmUp.reachedCompiledSpeed() ? "ended at compiled speed" : "ended at its limit", megabytes, seconds,
                megabytes / seconds, megabytes / cpuSeconds);
        // Machine-readable lines for ./run-benchmarks: metric, value, unit, reference, goal.
        System.out.printf(Locale.ROOT, "BENCH\temulator throughput, first pass after the app's start-up warm-up\t%.1f\tMB/s\t-\t>=20%n",
                megabytes / seconds);
        System.out.printf(Locale.ROOT, "BENCH\temulator warm-up at app start, %d MB fed (CPU seconds)\t%.2f\ts\t-\t-%n",
                warmUp.megabytes(), warmUpCpu);
    }
}
