package io.labbench.watch.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.sessions.SessionHub;
import io.labbench.sessions.SshFixture;
import io.labbench.sessions.TerminalSession;
import io.labbench.sessions.testing.TerminalProbe;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import io.labbench.watch.WatchDefinition;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's soak: 8 watches at 1 s and 4 terminals printing without pause, all over SSH to a real
 * (MINA) server in this JVM, for {@code -Dlabbench.soakSeconds} seconds: 60 in the normal build, 1800
 * for the full half hour. Measured after a warm-up and at the end: resident memory, live heap after a
 * GC, and LabBench's threads; asserted: no thread growth, no heap growth beyond noise, no failed run,
 * and no watch that went more than 3 s without a refresh. The figures are printed as one {@code SOAK}
 * line, with the threads by kind.
 *
 * <p>Threads are counted without the test server's own ({@code lbt-sshd-*}, {@code sshd-*} and the JDK's
 * {@code process reaper} of the commands it spawns): the server starts three threads per exec command
 * in flight, so the total read 50 -> 53 whenever a snapshot caught a watch's command running. That was
 * the "leak" an earlier run saw; LabBench's own threads stayed the same kinds and counts.
 *
 * <p>The 3 s gap is a promise about LabBench, not about a machine other jobs keep busy: when the load
 * average during the run was above {@link #BUSY_LOAD_PER_CORE} per core (a shared build machine), the gap
 * and failed runs are still measured and printed, and a watch that stopped refreshing (none for
 * 3 × {@link #STALLED_MILLIS}, or fewer than 3 refreshes in the run) still fails the test.
 */
class WatchSoakTest {

    private static final long SECONDS = Long.getLong("labbench.soakSeconds", 60);
    private static final Duration WARM_UP = Duration.ofSeconds(Math.min(10, Math.max(3, SECONDS / 6)));
    private static final int WATCHES = 8;
    private static final int TERMINALS = 4;
    private static final long MAX_GAP_MILLIS = 3000;
    private static final long STALLED_MILLIS = 10_000;
    private static final double BUSY_LOAD_PER_CORE = 2.0;
    private static final SnapshotReader RAW = (parser, text, at) -> RawTextSnapshots.of(text, at);

    @TempDir
    Path dir;

    @Test
    void eightWatchesAndFourBusyTerminalsRunWithoutGrowthOrMissedRefreshes() throws Exception {
        try (TestSshServer server = TestSshServer.start();
             WatchScheduler scheduler = new WatchScheduler()) {
            TestKeys.KeyFiles key = SshFixture.authorize(dir, server, TestKeys.Type.ECDSA);
            SshFixture.trust(dir, server);
            try (SessionHub hub = SessionHub.builder(SshFixture.workspace(SshFixture.endpoint("worker1", server, key.privateKey())))
                    .sshSettings(SshFixture.settings(dir)).transcripts(dir.resolve("transcripts")).build()) {
                List<TerminalProbe> probes = new ArrayList<>();
                for (int t = 0; t < TERMINALS; t++) {
                    TerminalSession terminal = hub.openTerminal("busy-" + t, "worker1", 120, 40);
                    TerminalProbe probe = new TerminalProbe(terminal);
                    // a pane that never stops printing, like `ping` or `tcpdump` left running
                    probe.type("i=0; while :; do i=$((i+1)); echo \"busy-" + t + " line $i $(date +%T.%N)\"; sleep 0.02; done\r");
                    probes.add(probe);
                }
                List<GapMeter> meters = new ArrayList<>();
                List<WatchRunner> watches = new ArrayList<>();
                for (int w = 0; w < WATCHES; w++) {
                    GapMeter meter = new GapMeter();
                    WatchDefinition watch = WatchDefinition.custom("worker1", "cat /proc/net/dev; echo watch-" + w,
                            Optional.empty(), Duration.ofSeconds(1));
                    WatchRunner runner = new WatchRunner(watch, hub, RAW, scheduler, meter, Clock.systemUTC());
                    meters.add(meter);
                    watches.add(runner);
                }
                try {
                    watches.forEach(WatchRunner::resume);
                    Thread.sleep(WARM_UP.toMillis());
                    meters.forEach(GapMeter::reset);
                    Figures start = Figures.now();
                    var kindsAtStart = threadKinds();
                    long chars0 = probes.stream().mapToLong(TerminalProbe::charsRead).sum();
                    Thread.sleep(Duration.ofSeconds(SECONDS).toMillis() - WARM_UP.toMillis());
                    Figures end = Figures.now();
                    var kindsAtEnd = threadKinds();
                    System.out.println("SOAK threads at start " + kindsAtStart + "\nSOAK threads at end   " + kindsAtEnd);
                    long chars = probes.stream().mapToLong(TerminalProbe::charsRead).sum() - chars0;
                    long refreshes = meters.stream().mapToLong(m -> m.refreshes.get()).sum();
                    long failures = meters.stream().mapToLong(m -> m.failures.get()).sum();
                    long worstGap = meters.stream().mapToLong(GapMeter::worstGapMillis).max().orElse(0);
                    double loadPerCore = Math.max(start.loadAverage, end.loadAverage) / Runtime.getRuntime().availableProcessors();
                    boolean busyMachine = loadPerCore > BUSY_LOAD_PER_CORE;
                    System.out.printf(java.util.Locale.ROOT, "SOAK seconds=%d watches=%d terminals=%d refreshes=%d failed=%d worstGapMs=%d "
                                    + "terminalChars=%d rssKb=%d->%d heapAfterGcKb=%d->%d threads=%d->%d openFds=%d->%d loadPerCore=%.1f%s%n",
                            SECONDS, WATCHES, TERMINALS, refreshes, failures, worstGap, chars, start.rssKb, end.rssKb, start.heapKb,
                            end.heapKb, start.threads, end.threads, start.openFds, end.openFds, loadPerCore,
                            busyMachine ? " (busy machine: gap goal and failed runs not asserted)" : "");

                    assertThat(chars).as("the terminals kept printing").isGreaterThan(10_000);
                    for (int w = 0; w < WATCHES; w++) {
                        if (busyMachine) {
                            // other jobs own the CPU: only a watch that stopped refreshing is LabBench's fault
                            assertThat(meters.get(w).sinceLastMillis()).as("time since watch %d last refreshed (ms)", w)
                                    .isLessThanOrEqualTo(STALLED_MILLIS * 3);
                            assertThat(meters.get(w).refreshes.get()).as("refreshes of watch %d", w).isGreaterThanOrEqualTo(3);
                        } else {
                            assertThat(meters.get(w).worstGapMillis()).as("longest time watch %d went without a refresh (ms)", w)
                                    .isLessThanOrEqualTo(MAX_GAP_MILLIS);
                        }
                    }
                    if (!busyMachine) {
                        // on an overloaded machine runs may time out (channel opens, the 10 s run deadline)
                        assertThat(failures).as("failed watch runs").isZero();
                    }
                    assertThat(end.threads).as("LabBench's threads at the end vs after warm-up: %s -> %s", kindsAtStart, kindsAtEnd)
                            .isLessThanOrEqualTo(start.threads + 1);
                    assertThat(end.openFds).as("open file descriptors at the end vs after warm-up").isLessThanOrEqualTo(start.openFds + 8);
                    assertThat(end.heapKb - start.heapKb).as("live heap growth (KB)").isLessThan(32 * 1024);
                } finally {
                    watches.forEach(WatchRunner::close);
                    probes.forEach(TerminalProbe::close);
                }
            }
        }
    }

    /** Time since the previous refresh (or since {@link #reset}), the longest seen, and counts. */
    private static final class GapMeter implements WatchListener {
        final AtomicLong refreshes = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        private long last = System.nanoTime();
        private long worst;

        synchronized void reset() {
            last = System.nanoTime();
            worst = 0;
            refreshes.set(0);
            failures.set(0);
        }

        @Override
        public synchronized void outcome(WatchOutcome outcome) {
            long now = System.nanoTime();
            if (outcome instanceof WatchOutcome.Refreshed) {
                worst = Math.max(worst, now - last);
                last = now;
                refreshes.incrementAndGet();
            } else {
                failures.incrementAndGet();
            }
        }

        synchronized long sinceLastMillis() {
            return (System.nanoTime() - last) / 1_000_000;
        }

        synchronized long worstGapMillis() {
            // a watch that stopped refreshing altogether counts until now
            return Math.max(worst, System.nanoTime() - last) / 1_000_000;
        }
    }

    /** Threads the in-JVM test server starts per connection or command: not LabBench's. */
    private static boolean testServers(Thread thread) {
        String name = thread.getName();
        return name.startsWith("lbt-sshd-") || name.startsWith("sshd-") || name.startsWith("process reaper")
                || name.startsWith("PtyProcess Reaper");
    }

    /** LabBench's live threads by name without counters ("watch-run-7" -> "watch-run-#"), with counts. */
    private static java.util.Map<String, Long> threadKinds() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).filter(t -> !testServers(t))
                .collect(java.util.stream.Collectors.groupingBy(t -> t.getName().replaceAll("\\d+", "#"),
                        java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    private record Figures(long rssKb, long heapKb, int threads, long openFds, double loadAverage) {
        static Figures now() throws IOException, InterruptedException {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            Thread.sleep(200);
            long heap = memory.getHeapMemoryUsage().getUsed() / 1024;
            int threads = (int) threadKinds().values().stream().mapToLong(Long::longValue).sum();
            long fds;
            try (var open = Files.list(Path.of("/proc/self/fd"))) {
                fds = open.count();
            }
            long rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1L);
            return new Figures(rss, heap, threads, fds, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
