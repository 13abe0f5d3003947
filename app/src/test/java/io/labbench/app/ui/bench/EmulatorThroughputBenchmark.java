package io.labbench.app.ui.bench;

import com.techsenger.jeditermfx.core.emulator.JediEmulator;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import io.labbench.app.ui.terminal.HeadlessTerminal;
import io.labbench.app.ui.terminal.PaneTerminal;
import io.labbench.app.ui.terminal.ScrollbackTrimmer;
import io.labbench.app.ui.terminal.TerminalSettings;
import io.labbench.app.ui.terminal.TerminalText;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How fast the JediTermFX emulator turns a stream of mixed text and ANSI sequences into its text buffer,
 * headless (no canvas, no JavaFX thread): 50 MB through {@link JediEmulator} into a
 * {@link TerminalTextBuffer} set up as a terminal pane sets it up ({@link HeadlessTerminal}), with the
 * app's scrollback. Goal: at least 30 MB/s once the JIT has compiled the emulator: the median of 5 passes
 * over the whole stream after 3 warm-up passes (the first, cold pass is reported beside it). A third
 * argument {@code stock} runs the library as it comes instead (its own scrollback limit, none of
 * {@link ScrollbackTrimmer} and {@link PaneTerminal}), for comparison; it is slow enough to want fewer
 * passes (fourth and fifth arguments: warm-up and measured passes). Without {@code stock}, stock JediTermFX runs
 * too, pass by pass between ours (the sixth argument: its MB a pass, default a fifth of ours; 0 for none), as
 * the reference measured under the same load; a row per CPU second of the reading thread says what the
 * emulator itself costs on a busy machine.
 *
 * <p>Run with the app's JVM options ({@code app/jvm.options}: its JIT thresholds decide how soon the
 * emulator is compiled): {@code java @app/jvm.options -cp app/target/test-classes:app/target/classes:$(cat
 * app/target/test.cp) io.labbench.app.ui.bench.EmulatorThroughputBenchmark [50 10000 stock 0 1]}
 */
public final class EmulatorThroughputBenchmark {

    private static final String ESC = "\u001b";

    private EmulatorThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int scrollback = args.length > 1 ? Integer.parseInt(args[1]) : TerminalSettings.SCROLLBACK_LINES;
        boolean stock = args.length > 2 && args[2].equals("stock");
        int warmUpPasses = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int measuredPasses = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        // The reference, stock JediTermFX, interleaved pass by pass with ours so both meet the same load; on a
        // shorter stream (it is ten times slower), since the figure is a rate
        int referenceMegabytes = stock ? 0 : args.length > 5 ? Integer.parseInt(args[5]) : Math.max(1, megabytes / 5);
        char[] stream = mixedStream(megabytes * 1_000_000);
        char[] referenceStream = referenceMegabytes > 0 ? mixedStream(referenceMegabytes * 1_000_000) : new char[0];
        // The first pass runs mostly in the JIT's first tiers: on a loaded two-core machine the optimising
        // compiler finishes the emulator's hot methods seconds (tens of MB) into the output, later than a
        // short warm-up reaches. It is reported on its own; the goal is for the passes after it.
        // A pane exists before its first output: the window builds its panes at start-up, and that is where the JVM loads
        // the terminal's classes and looks up its logging back-end (the library's slf4j logger, then java.util.logging, each
        // ask every jar on the class path for a provider; ~0.19 s of this thread's CPU, about a fifth of the cold pass, jit6).
        // One terminal is made before the clock starts, so the first pass times the emulator's code from the interpreter
        // on, as a learner's first big cat meets it; the set-up's CPU is printed beside it.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long setUpStarted = threads.getCurrentThreadCpuTime();
        run(new char[0], scrollback, stock);
        double setUpCpuSeconds = (threads.getCurrentThreadCpuTime() - setUpStarted) / 1e9;
        Pass first = measure(stream, scrollback, stock);
        for (int i = 0; i < warmUpPasses; i++) {
            measure(stream, scrollback, stock);
        }
        Pass referenceFirst = referenceMegabytes > 0 ? measure(referenceStream, scrollback, true) : null;
        List<Pass> warm = new ArrayList<>();
        List<Pass> reference = new ArrayList<>();
        for (int i = 0; i < measuredPasses; i++) {
            warm.add(measure(stream, scrollback, stock));
            if (referenceMegabytes > 0) {
                reference.add(measure(referenceStream, scrollback, true));
            }
        }
        warm.sort(Comparator.comparingDouble(Pass::cpuSeconds));
        Pass median = warm.get(warm.size() / 2);
        System.out.printf("emulator throughput: %d MB in %.2f s = %.1f MB/s; %.2f s of CPU = %.1f MB/s per CPU"
                + " second (median of %d passes after %d; first pass %.1f MB/s per CPU second; scrollback %d%s,"
                + " %d lines kept)%n", megabytes, median.seconds(), megabytes / median.seconds(), median.cpuSeconds(),
                megabytes / median.cpuSeconds(), measuredPasses, 1 + warmUpPasses, megabytes / first.cpuSeconds(),
                scrollback, stock ? ", stock JediTermFX" : "", median.linesKept());
        // Machine-readable lines for ./run-benchmarks: metric, value, unit, reference, goal.
        String who = stock ? "stock JediTermFX" : "LabBench";
        String ref = "-";
        String refFirst = "-";
        String refCpu = "-";
        if (referenceMegabytes > 0) {
            reference.sort(Comparator.comparingDouble(Pass::seconds));
            Pass refMedian = reference.get(reference.size() / 2);
            ref = String.format(Locale.ROOT, "%.2f", referenceMegabytes / refMedian.seconds());
            refFirst = String.format(Locale.ROOT, "%.2f", referenceMegabytes / referenceFirst.seconds());
            refCpu = String.format(Locale.ROOT, "%.2f", referenceMegabytes / refMedian.cpuSeconds());
            System.out.printf("stock JediTermFX in the same run, interleaved (%d MB a pass): %.2f MB/s warm median, %.2f MB/s"
                    + " per CPU second; first pass %.2f MB/s%n", referenceMegabytes, referenceMegabytes / refMedian.seconds(),
                    referenceMegabytes / refMedian.cpuSeconds(), referenceMegabytes / referenceFirst.seconds());
        }
        // Where the cold pass's wall time goes: the reading thread's own CPU (interpreter and first JIT tiers), the
        // serial collector's pauses (the heap grows from its 32 MB start through full collections), the rest waiting.
        System.out.printf("first pass: %.2f s = %.2f s of the reading thread's CPU + %.2f s of GC pauses + %.2f s"
                + " waiting (for a core, or the compiler's code); before it, making the first terminal: %.2f s of CPU%n",
                first.seconds(), first.cpuSeconds(), first.gcSeconds(), first.seconds() - first.cpuSeconds() - first.gcSeconds(),
                setUpCpuSeconds);
        String vs = stock ? "" : " (ref: stock JediTermFX, same run)";
        System.out.printf(Locale.ROOT, "BENCH\temulator throughput, warm median (%s)%s\t%.1f\tMB/s\t%s\t%s%n", who, vs,
                megabytes / median.seconds(), ref, stock ? "-" : ">=30");
        System.out.printf(Locale.ROOT, "BENCH\temulator throughput, cold first pass (%s)%s\t%.1f\tMB/s\t%s\t%s%n", who, vs,
                megabytes / first.seconds(), refFirst, stock ? "-" : ">=20");
        // what the emulator itself costs, whatever else the machine runs: MB per second of the reading thread's CPU
        System.out.printf(Locale.ROOT, "BENCH\temulator throughput per CPU second, warm median (%s)%s\t%.1f\tMB/s\t%s\t-%n", who, vs,
                megabytes / median.cpuSeconds(), refCpu);
    }

    /** One pass over the whole stream into a new terminal; wall, thread CPU and GC seconds, lines kept. */
    private record Pass(double seconds, double cpuSeconds, double gcSeconds, int linesKept) {
    }

    private static long gcMillis() {
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            millis += Math.max(0, collector.getCollectionTime());
        }
        return millis;
    }

    private static Pass measure(char[] stream, int scrollback, boolean stock) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long gcStarted = gcMillis();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        TerminalTextBuffer buffer = run(stream, scrollback, stock);
        double seconds = (System.nanoTime() - started) / 1e9;
        // On a shared machine the wall clock includes time other processes had the core; the thread's
        // CPU time says what the emulator itself costs.
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
        double gcSeconds = (gcMillis() - gcStarted) / 1e3;
        List<String> lines = TerminalText.lines(buffer);
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        if (!last.contains("END-OF-STREAM")) {
            throw new IllegalStateException("the buffer does not end with the stream's last line: " + last);
        }
        if (lines.size() < scrollback) {
            throw new IllegalStateException("only " + lines.size() + " lines kept, scrollback is " + scrollback);
        }
        return new Pass(seconds, cpuSeconds, gcSeconds, lines.size());
    }

    private static TerminalTextBuffer run(char[] stream, int scrollback, boolean stock) {
        HeadlessTerminal terminal = stock ? HeadlessTerminal.stock(120, 40, scrollback)
                : HeadlessTerminal.likeAPane(120, 40, scrollback);
        return terminal.feed(stream).buffer();
    }

    /** Output shaped like a busy lab terminal: ip/iptables listings, colours, prompts, line edits. */
    public static char[] mixedStream(int size) {
        Random random = new Random(42);
        String[] words = {"10.0.1.23/32", "dev", "eni3a9f01c2d4e", "scope", "link", "AWS-SNAT-CHAIN-0", "pkts",
                "bytes", "ACCEPT", "tcp", "dpt:443", "conntrack", "ESTABLISHED", "worker1", "kube-proxy", "0x1234"};
        StringBuilder out = new StringBuilder(size + 256);
        int line = 0;
        while (out.length() < size) {
            switch (line++ % 8) {
                case 0 -> out.append(ESC).append("[1;32mroot@worker1").append(ESC).append("[0m:")
                        .append(ESC).append("[1;34m~").append(ESC).append("[0m# ip route\r\n");
                case 3 -> out.append(ESC).append("[2K\r").append(ESC).append("[33mprogress ")
                        .append(random.nextInt(100)).append('%').append(ESC).append("[0m\r\n");
                case 5 -> out.append(ESC).append("[7m selected ").append(ESC).append("[27m")
                        .append(ESC).append("[5D").append(ESC).append("[K\r\n");
                default -> {
                    int count = 6 + random.nextInt(10);
                    for (int i = 0; i < count; i++) {
                        if (random.nextInt(6) == 0) {
                            out.append(ESC).append('[').append(31 + random.nextInt(6)).append('m')
                                    .append(words[random.nextInt(words.length)]).append(ESC).append("[0m ");
                        } else {
                            out.append(words[random.nextInt(words.length)]).append(' ');
                        }
                    }
                    out.append("\r\n");
                }
            }
        }
        out.append("END-OF-STREAM\r\n");
        char[] chars = new char[out.length()];
        out.getChars(0, out.length(), chars, 0);
        return chars;
    }
}
