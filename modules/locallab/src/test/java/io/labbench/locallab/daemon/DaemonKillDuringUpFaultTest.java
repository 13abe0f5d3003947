package io.labbench.locallab.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LabStatus;
import io.labbench.locallab.TestLabs;
import io.labbench.locallab.net.LabCleaner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's fault suite: {@code kill -9} of the lab daemon at random moments of {@code up}: in a
 * random part (or the JVM's start), a random time after the daemon announced it. After each
 * kill the next {@code up} must remove what the killed one left (its processes, namespaces, the
 * namespaces' mounts in {@code /run/netns}, its folder) and come up; that lab is then killed as well
 * (a crash of a running lab), so each round also starts on a whole lab's remains. After the last round's
 * {@code down} nothing with the lab's prefix is left. The kills are counted by the part the daemon's log last announced.
 *
 * <p>{@code -Dlabbench.daemonKills=N} changes the number of kills (default 10).
 */
class DaemonKillDuringUpFaultTest {

    private static final Logger LOG = Logger.getLogger(DaemonKillDuringUpFaultTest.class.getName());
    private static final int KILLS = Integer.getInteger("labbench.daemonKills", 10);
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path stateRoot;

    @Test
    void theNextUpRemovesWhatAKilledUpLeftAndStartsCleanly() throws Exception {
        String rulesBefore = TestLabs.sh("ip", "rule");
        String routesBefore = TestLabs.sh("ip", "route", "show", "table", "all");
        LabSettings settings = TestLabs.settings(stateRoot);
        long seed = Long.getLong("labbench.faultSeed", System.nanoTime());
        Random random = new Random(seed);
        Map<String, Integer> killsByPart = new TreeMap<>();
        int survived = 0;
        int tried = 0;
        try {
            // one whole up first: how long an up takes here, the span the kills are spread over
            long t0 = System.nanoTime();
            LabStatus first = LabDaemonLauncher.start(settings, (d, t, m) -> { }, UP_TIMEOUT);
            long upMillis = (System.nanoTime() - t0) / 1_000_000;
            int steps = io.labbench.locallab.LocalLab.upSteps(settings);
            ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();
            ProcessHandle.of(first.pid()).ifPresent(p -> p.onExit().join());

            for (int kill = 0; kill < KILLS; kill++) {
                // a random part (0: the JVM's start), then a random moment up to a tenth of an up into it
                int step = random.nextInt(steps);
                long jitter = (long) (random.nextDouble() * upMillis / 10);
                Killed killed = killDuringUp(settings, step, jitter);
                tried++;
                killsByPart.merge(killed.part(), 1, Integer::sum);

                LabStatus next = LabDaemonLauncher.start(settings, (d, t, m) -> { }, UP_TIMEOUT);
                assertThat(next.running()).as("the up after kill %d (%s)", kill, killed).isTrue();
                assertThat(killed.processes().stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList())
                        .as("processes of the up killed in %s, after the next up", killed.part()).isEmpty();
                // (a namespace's inode number is no proof: the kernel reuses them) the new lab built its network
                // afresh, which fails on any namespace or link left; and no namespace is mounted twice
                // (the kubelet may still be wiring the add-ons' pods: a namespace can appear between the two reads)
                List<String> mounts = netnsMounts(settings);
                List<String> namespaces = new LabCleaner(settings.prefix(), settings.labDir()).namespaces();
                List<String> mountsAfter = netnsMounts(settings);
                assertThat(mounts).as("one mount per namespace of the new lab").doesNotHaveDuplicates()
                        .allMatch(m -> namespaces.contains(m.substring("/run/netns/".length())));
                assertThat(namespaces).as("no namespace of the new lab without its mount")
                        .allMatch(n -> mountsAfter.contains("/run/netns/" + n));
                survived++;
                // the lab that came up crashes too (no down): the next round's up starts on its remains
                ProcessHandle running = ProcessHandle.of(next.pid()).orElseThrow();
                running.destroyForcibly();
                running.onExit().get(30, TimeUnit.SECONDS);
            }
            LabDaemonLauncher.start(settings, (d, t, m) -> { }, UP_TIMEOUT);
            LabDaemonLauncher.stop(settings, Duration.ofSeconds(60));
            TestLabs.assertNothingLeft(settings, rulesBefore, routesBefore);
            assertThat(netnsMounts(settings)).isEmpty();
            assertThat(strayFiles(settings)).as("files of the lab after down").isEmpty();
        } finally {
            LOG.info("daemon kills during up (seed " + seed + "): " + tried + " tried, " + survived + " cleaned up; by part " + killsByPart);
            System.out.println("FAULT daemon-kill-during-up tries=" + tried + " survived=" + survived + " lost=" + (tried - survived)
                    + " byPart=" + killsByPart + " seed=" + seed);
            LabDaemonLauncher.stop(settings, Duration.ofSeconds(60));
        }
        TestLabs.assertNothingLeft(settings, rulesBefore, routesBefore);
    }

    /** What a killed daemon left: its lab's processes and namespaces (name to inode), and the part it was in. */
    private record Killed(String part, long delayMillis, List<ProcessHandle> processes, Map<String, Object> namespaces) {
    }

    /** Starts a daemon, waits for its log's {@code step}-th PROGRESS line (none for 0) and {@code delayMillis} more, kills it. */
    private Killed killDuringUp(LabSettings settings, int step, long delayMillis) throws Exception {
        Path log = stateRoot.resolve(settings.prefix() + "-killed.log");
        Process daemon = new ProcessBuilder(LabDaemonLauncher.daemonCommand(settings)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(new File("/dev/null")).start();
        long giveUp = System.nanoTime() + UP_TIMEOUT.toNanos();
        while (step > 0 && daemon.isAlive() && System.nanoTime() < giveUp
                && (!Files.exists(log) || Files.readAllLines(log).stream().filter(l -> l.startsWith("PROGRESS ")).count() < step)) {
            Thread.sleep(5);
        }
        Thread.sleep(delayMillis);
        // setsid execs java in place: the process is the daemon's JVM
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        daemon.destroyForcibly();
        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String part = lines.stream().filter(l -> l.startsWith("PROGRESS ")).reduce((a, b) -> b)
                .map(l -> l.replaceFirst("^PROGRESS \\d+/\\d+ (\\+\\d+ms )?", "")).orElse("JVM start (before the first part)");
        if (lines.contains("READY")) {
            part = "after READY";
        }
        LabCleaner cleaner = new LabCleaner(settings.prefix(), settings.labDir());
        Map<String, Object> namespaces = new TreeMap<>();
        for (String ns : cleaner.namespaces()) {
            try {
                namespaces.put(ns, Files.getAttribute(Path.of("/run/netns", ns), "unix:ino"));
            } catch (IOException gone) {
                // a namespace file without its mount yet: the next up must remove the file all the same
            }
        }
        Files.deleteIfExists(log);
        return new Killed(part, delayMillis, cleaner.processes(), namespaces);
    }

    /** Mount points the lab's namespaces left in this mount namespace ({@code ip netns add} bind-mounts each). */
    private static List<String> netnsMounts(LabSettings settings) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .map(l -> l.split(" ")[4]).filter(p -> p.startsWith("/run/netns/" + settings.prefix() + "-")).toList();
    }

    /** Files in the state folder that name the lab, but for the daemon's log and the kubeconfig a stopped lab keeps. */
    private static List<String> strayFiles(LabSettings settings) throws IOException {
        List<String> stray = new ArrayList<>();
        try (Stream<Path> files = Files.list(settings.stateRoot())) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(settings.prefix()))
                    .filter(n -> !n.equals(settings.prefix() + "-daemon.log") && !n.equals(settings.kubeconfig().getFileName().toString()))
                    // kept on purpose from one up to the next: the lab's SSH keys (so the learner's known_hosts
                    // stays true) and the Route 53 zones and ACM certificates the learner made
                    .filter(n -> !n.equals(settings.prefix() + "-keys") && !n.equals(settings.prefix() + "-aws-state"))
                    .forEach(stray::add);
        }
        return stray;
    }
}
