package io.labbench.watch.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.sessions.CommandException;
import io.labbench.sessions.CommandRunner;
import io.labbench.sessions.CommandRunnerProvider;
import io.labbench.sessions.LocalShellEndpoint;
import io.labbench.sessions.local.LocalCommandRunner;
import io.labbench.watch.WatchDefinition;
import io.labbench.watch.panel.RunStatus;
import io.labbench.watch.panel.WatchPanelModel;
import io.labbench.watch.testing.CountingRunner;
import io.labbench.watch.testing.LocalShellRunner;
import io.labbench.watch.testing.RecordingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchRunnerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SnapshotReader RAW = (parser, text, at) -> RawTextSnapshots.of(text, at);

    private final WatchScheduler scheduler = new WatchScheduler();
    private final RecordingListener listener = new RecordingListener();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        scheduler.close();
    }

    private WatchRunner runner(String command, Duration interval, CommandRunnerProvider provider) {
        WatchDefinition watch = WatchDefinition.custom("node1", command, Optional.empty(), interval);
        return new WatchRunner(watch, provider, RAW, scheduler, listener, Clock.systemUTC());
    }

    private static CommandRunnerProvider fixed(CommandRunner runner) {
        return name -> name.equals(runner.endpointName()) ? Optional.of(runner) : Optional.empty();
    }

    @Test
    void refreshesWithTheCommandsOutputEveryInterval() throws Exception {
        Path file = Files.writeString(dir.resolve("value"), "first\n");
        LocalShellRunner shell = new LocalShellRunner("node1");
        try (WatchRunner watch = runner("cat " + file, Duration.ofMillis(500), fixed(shell))) {
            watch.resume();
            listener.await(WatchOutcome.Refreshed.class, r -> r.rawText().equals("first\n"), WAIT);
            Files.writeString(file, "second\n");
            WatchOutcome.Refreshed later = listener.await(WatchOutcome.Refreshed.class,
                    r -> r.rawText().equals("second\n"), WAIT);
            assertThat(later.snapshot().rows()).extracting(row -> row.cell("line")).containsExactly("second");
        }
    }

    @Test
    void aSlowCommandNeverRunsTwiceAtOnce() throws Exception {
        LocalShellRunner shell = new LocalShellRunner("node1");
        long start = System.nanoTime();
        try (WatchRunner watch = runner("sleep 1.2; echo done", Duration.ofMillis(500), fixed(shell))) {
            watch.resume();
            for (int i = 0; i < 20; i++) {
                watch.refreshNow();
                Thread.sleep(100);
            }
            listener.await(WatchOutcome.Refreshed.class, r -> true, WAIT);
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(shell.maxInFlight()).isEqualTo(1);
        // Twenty clicks on "refresh now" during a 1.2 s command: back-to-back runs at most, not twenty.
        assertThat(shell.runs()).isBetween(1, (int) (elapsedMillis / 1200) + 2);
    }

    @Test
    void aHungRunIsAbandonedAtItsDeadlineReportedAsAFailureAndTheNextRunProceeds() throws Exception {
        Path served = dir.resolve("served-once");
        Path hungPid = dir.resolve("hung.pid");
        // The first run hangs the way a stuck channel does (no output, no exit); later runs answer at once.
        String command = "if [ -e " + served + " ]; then echo fine; else touch " + served + "; echo $$ > " + hungPid
                + "; exec sleep 300; fi";
        // HOME in the temp folder: the runner's login shell must not read this machine's profile (slow here).
        CountingRunner shell = new CountingRunner(new LocalCommandRunner(
                new LocalShellEndpoint("node1", List.of("bash"), Map.of("HOME", dir.toString()), Optional.empty())));
        WatchDefinition watch = WatchDefinition.custom("node1", command, Optional.empty(), Duration.ofMillis(500));
        WatchPanelModel panel = new WatchPanelModel(watch);
        RunDeadline oneSecond = new RunDeadline(2, Duration.ofSeconds(1));
        try (WatchRunner runner = new WatchRunner(watch, fixed(shell), RAW, scheduler,
                outcome -> { panel.outcome(outcome); listener.outcome(outcome); }, Clock.systemUTC(), oneSecond)) {
            runner.resume();
            WatchOutcome.Abandoned abandoned = listener.await(WatchOutcome.Abandoned.class, a -> true, WAIT);
            assertThat(abandoned.deadline()).isEqualTo(Duration.ofSeconds(1));
            // what the learner sees in the panel while it is stuck: a failure with why, not a frozen "running"
            assertThat(panel.state().status()).isEqualTo(RunStatus.FAILING);
            assertThat(panel.state().problem()).hasValueSatisfying(p ->
                    assertThat(p).contains("no exit code").contains("no answer within 1 s").contains("abandoned"));

            listener.await(WatchOutcome.Refreshed.class, r -> r.rawText().equals("fine\n"), WAIT);
            assertThat(panel.state().status()).isEqualTo(RunStatus.LIVE);
            assertThat(panel.state().problem()).isEmpty();
        }
        // the hung command was not left behind: abandoning interrupts the run, and the runner kills it
        long pid = Long.parseLong(Files.readString(hungPid).strip());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the hung sleep (pid %d)", pid).isEmpty();
        assertThat(shell.maxInFlight()).as("runs in flight at once").isEqualTo(1);
        assertThat(listener.outcomes()).filteredOn(o -> o instanceof WatchOutcome.Abandoned).hasSize(1);
        assertThat(listener.outcomes()).as("the hung run reports once, never a late second outcome")
                .noneMatch(o -> o instanceof WatchOutcome.NotRun);
    }

    @Test
    void pauseStopsRunsAndResumeStartsThemAgain() throws Exception {
        LocalShellRunner shell = new LocalShellRunner("node1");
        try (WatchRunner watch = runner("echo tick", Duration.ofMillis(500), fixed(shell))) {
            watch.resume();
            awaitRuns(shell, 3);
            watch.pause();
            awaitIdle(shell); // a run that was already in flight still finishes
            int atPause = shell.runs();
            Thread.sleep(2000);
            assertThat(shell.runs()).isEqualTo(atPause);
            watch.resume();
            awaitRuns(shell, atPause + 2);
        }
    }

    @Test
    void aFailingCommandIsReportedWithExitCodeAndStderrAndRetried() throws Exception {
        Path flag = dir.resolve("ok");
        LocalShellRunner shell = new LocalShellRunner("node1");
        String command = "if [ -e " + flag + " ]; then echo fine; else echo 'iptables: No chain/target/match by that name.' >&2; exit 1; fi";
        try (WatchRunner watch = runner(command, Duration.ofMillis(500), fixed(shell))) {
            watch.resume();
            WatchOutcome.CommandFailed failed = listener.await(WatchOutcome.CommandFailed.class, f -> true, WAIT);
            assertThat(failed.exitCode()).isEqualTo(1);
            assertThat(failed.describe()).contains("exited with 1").contains("No chain/target/match by that name");
            Files.createFile(flag);
            listener.await(WatchOutcome.Refreshed.class, r -> r.rawText().equals("fine\n"), WAIT);
        }
    }

    @Test
    void aMissingConnectionIsStaleAndTheWatchResumesWhenItComes() throws Exception {
        AtomicReference<CommandRunner> connection = new AtomicReference<>();
        CommandRunnerProvider provider = name -> Optional.ofNullable(connection.get());
        try (WatchRunner watch = runner("echo back", Duration.ofMillis(500), provider)) {
            watch.resume();
            WatchOutcome.NotRun notRun = listener.await(WatchOutcome.NotRun.class, n -> true, WAIT);
            assertThat(notRun.stale()).isTrue();
            assertThat(notRun.reason()).isEqualTo(CommandException.Reason.NOT_CONNECTED);
            connection.set(new LocalShellRunner("node1"));
            listener.await(WatchOutcome.Refreshed.class, r -> r.rawText().equals("back\n"), WAIT);
        }
    }

    @Test
    void refreshNowRunsAPausedWatchOnce() throws Exception {
        LocalShellRunner shell = new LocalShellRunner("node1");
        try (WatchRunner watch = runner("echo once", Duration.ofSeconds(1), fixed(shell))) {
            watch.refreshNow();
            listener.await(WatchOutcome.Refreshed.class, r -> true, WAIT);
            Thread.sleep(2500);
            assertThat(shell.runs()).isEqualTo(1);
        }
    }

    @Test
    void intervalOutsideHalfASecondToAMinuteIsRefused() {
        try (WatchRunner watch = runner("true", Duration.ofSeconds(2), fixed(new LocalShellRunner("node1")))) {
            assertThatThrownBy(() -> watch.setInterval(Duration.ofMillis(400))).hasMessageContaining("0.5–60 s");
            assertThatThrownBy(() -> watch.setInterval(Duration.ofSeconds(61))).hasMessageContaining("0.5–60 s");
            watch.setInterval(Duration.ofMillis(500));
            assertThat(watch.definition().interval()).isEqualTo(Duration.ofMillis(500));
        }
    }

    @Test
    void aShorterIntervalMakesRunsMoreFrequent() throws Exception {
        LocalShellRunner shell = new LocalShellRunner("node1");
        try (WatchRunner watch = runner("echo x", Duration.ofSeconds(30), fixed(shell))) {
            watch.resume();
            awaitRuns(shell, 1);
            watch.setInterval(Duration.ofMillis(500));
            awaitRuns(shell, 4);
        }
    }

    private static void awaitIdle(LocalShellRunner shell) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (shell.inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static void awaitRuns(LocalShellRunner shell, int runs) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (shell.runs() < runs) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + shell.runs() + " runs, expected " + runs);
            }
            Thread.sleep(20);
        }
    }
}
