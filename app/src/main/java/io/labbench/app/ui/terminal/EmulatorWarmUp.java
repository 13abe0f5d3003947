package io.labbench.app.ui.terminal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the terminal emulator's hot path over made-up shell output on a background thread, a little after
 * the window is up, so that the learner's first flood of output (the first {@code cat} of a big file in a
 * fresh pane) meets code the JIT has already compiled: the panes' own front end ({@link FastPathEmulator}) with the
 * library's model behind it, through a pane-like {@link HeadlessTerminal}.
 *
 * <p>Why: in a fresh JVM the emulator parses its first megabytes in the interpreter and the JIT's quick
 * tier, 10-20 times slower than once compiled (EmulatorThroughputBenchmark: cold first pass 3.8 MB/s, warm
 * 70 MB/s, on a quiet 2-core machine). Feeding it here costs one to three seconds of one core (at most
 * {@link #MAX_MEGABYTES}) while the learner reads the lab guide, instead of during their first command.
 *
 * <p>It stops as soon as a megabyte goes through at compiled speed with the optimising compiler idle (three in a
 * row under {@link #WARM_CPU_NANOS_PER_MB} of this thread's CPU while the JVM's C2 threads used at most
 * {@link #COMPILER_IDLE_TICKS} clock ticks), and at {@link #MAX_MEGABYTES} whatever happens. The compiler's part
 * matters on a busy machine: the first tier's code already meets the speed while C2 still has dozens of the
 * emulator's methods queued (34-44 were compiled during a 20 MB pass right after the warm-up, at load 16), which it
 * then finishes during the learner's first flood. EmulatorAfterWarmUpBenchmark 20, 8 interleaved pairs at load
 * 10-28: the pass 3.4-10.4 MB/s without the compiler's part, 5.2-27.6 with it (7 of 8 pairs faster); the warm-up's
 * CPU 0.8-2.5 s, 1.5-3.4 s with it (it fed 13-50 MB). Its
 * terminals keep a short scrollback (the trimming code still runs), so it leaves little behind on the heap.
 * Nothing it does is seen: the terminals have no screen and are dropped after their megabyte.
 */
public final class EmulatorWarmUp {

    private static final Logger LOG = Logger.getLogger(EmulatorWarmUp.class.getName());

    /** A megabyte in under 40 ms of CPU is 25 MB/s: the emulator's compiled code, not the interpreter. */
    static final long WARM_CPU_NANOS_PER_MB = 40_000_000L;
    /**
     * Clock ticks (10 ms) the C2 threads may use during a megabyte that counts as warm: a compiler with work queued
     * runs all the time, one that compiles a last small method takes a tick or two.
     */
    static final long COMPILER_IDLE_TICKS = 2;
    /**
     * The bound: at most about 3 s of one core on a loaded machine (40-80 ms a MB before C2 has the emulator, 15-30
     * after). At load 24 the optimising compiler was busy for the first 40 MB fed in a row (two traces).
     */
    static final int MAX_MEGABYTES = 50;
    private static final int SCROLLBACK = 300;

    private EmulatorWarmUp() {
    }

    /**
     * Starts the warm-up on a daemon thread after {@code delay}; returns at once. {@code
     * -Dlabbench.emulator-warm-up=off} leaves it out (for measuring what it costs, e.g. in AppMemoryBenchmark).
     */
    public static void startAfter(Duration delay) {
        if ("off".equals(System.getProperty("labbench.emulator-warm-up"))) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
                Result result = run();
                LOG.fine(() -> "emulator warm-up: " + result);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // A warm-up that fails costs only speed: the panes run the same code and report their own errors.
                LOG.log(Level.INFO, "the terminal emulator's warm-up stopped early", e);
            }
        }, "labbench-emulator-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** What a warm-up did: megabytes fed, and whether it ended because the emulator ran compiled. */
    public record Result(int megabytes, boolean reachedCompiledSpeed) {
    }

    /** Runs the warm-up on the calling thread. */
    public static Result run() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuClock = threads.isCurrentThreadCpuTimeSupported();
        char[] megabyte = shellOutput(1_000_000);
        int warmInARow = 0;
        for (int fed = 1; fed <= MAX_MEGABYTES; fed++) {
            long compiling = OptimisingCompilerClock.ticks();
            long started = cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime();
            // Each megabyte into a new terminal, as a learner's first flood goes into a new pane: a terminal fed on and
            // on would train the compiled code on its warm state only (every SGR already in FastPathEmulator's table),
            // and the compiled parser was thrown away at a new pane's first colour change (a deoptimisation, then the
            // interpreter again until it was compiled anew).
            HeadlessTerminal.likeAPane(120, 40, SCROLLBACK).feed(megabyte);
            long spent = (cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - started;
            boolean compilerIdle = OptimisingCompilerClock.ticks() - compiling <= COMPILER_IDLE_TICKS;
            warmInARow = spent < WARM_CPU_NANOS_PER_MB && compilerIdle ? warmInARow + 1 : 0;
            if (warmInARow == 3) {
                return new Result(fed, true);
            }
        }
        return new Result(MAX_MEGABYTES, false);
    }

    /**
     * Whole lines of what a lab terminal shows: a coloured prompt, listings of routes and iptables rules, a
     * progress line redrawn in place, reverse video, a cursor move and line erase.
     */
    static char[] shellOutput(int size) {
        String esc = "\u001b";
        String[] lines = {
            esc + "[1;32mroot@kops-ec2" + esc + "[0m:" + esc + "[1;34m~" + esc + "[0m# iptables -t nat -L -n -v\r\n",
            "    0     0 KUBE-SEP-3JZ2RVCEXTVNYWSM  all  --  *      *       0.0.0.0/0            0.0.0.0/0   "
                    + "statistic mode random probability 0.50000000000\r\n",
            "172.30.64.0/19 dev ens5 proto kernel scope link src 172.30.66.29\r\n",
            esc + "[2K\r" + esc + "[33mDownloading " + esc + "[0m 57%\r\n",
            "3: eni7c1a2b3d4e5@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc noqueue state UP\r\n",
            esc + "[7m pod/netshoot-pod-7c9f " + esc + "[27m  1/1  " + esc + "[32mRunning" + esc + "[0m   0   4m\r\n",
            "tcp  ESTABLISHED src=172.30.81.14 dst=100.64.12.5 sport=51234 dport=80" + esc + "[5D" + esc + "[K\r\n",
            "Chain AWS-SNAT-CHAIN-0 (1 references) pkts bytes target prot opt in out source destination\r\n",
        };
        StringBuilder out = new StringBuilder(size + 200);
        for (int i = 0; out.length() < size; i++) {
            out.append(lines[i % lines.length]);
        }
        char[] chars = new char[out.length()];
        out.getChars(0, chars.length, chars, 0);
        return chars;
    }
}
