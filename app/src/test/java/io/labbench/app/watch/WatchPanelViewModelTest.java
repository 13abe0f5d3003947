package io.labbench.app.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.netparse.ParserKind;
import io.labbench.sessions.CommandRunner;
import io.labbench.sessions.SessionHub;
import io.labbench.sessions.workspace.Workspace;
import io.labbench.watch.WatchDefinition;
import io.labbench.watch.export.ExportFormat;
import io.labbench.watch.panel.RunStatus;
import io.labbench.watch.run.NetparseSnapshotReader;
import io.labbench.watch.run.WatchScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The panel's view-model without a screen: its "UI thread" is a queue the test drains, so what the
 * view would see is checked step by step. The runner is a real local shell through SessionHub.
 */
class WatchPanelViewModelTest {

    @TempDir
    Path dir;

    private final ConcurrentLinkedQueue<Runnable> uiQueue = new ConcurrentLinkedQueue<>();
    private final Executor ui = uiQueue::add;
    private final WatchScheduler scheduler = new WatchScheduler();
    private final SessionHub hub = SessionHub.builder(Workspace.defaultLocal("lbt-vm")).build();

    @AfterEach
    void stop() {
        scheduler.close();
        hub.close();
    }

    private void awaitUi(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            Runnable task;
            while ((task = uiQueue.poll()) != null) {
                task.run();
            }
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("UI state never got there");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void refreshesLandOnTheUiThreadAndFiltersPicksRows() throws Exception {
        Path file = Files.writeString(dir.resolve("rules"), "0:\tfrom all lookup local\n512:\tfrom all to 172.30.40.10 lookup main\n"
                + "1024:\tfrom all fwmark 0x80/0x80 lookup main\n32766:\tfrom all lookup main\n");
        CommandRunner local = hub.runner("worker1").orElseThrow();
        WatchDefinition watch = WatchDefinition.custom("worker1", "cat " + file, Optional.of(ParserKind.IP_RULE), Duration.ofMillis(500));
        try (WatchPanelViewModel vm = new WatchPanelViewModel(watch, name -> Optional.of(local), new NetparseSnapshotReader(), scheduler, ui)) {
            vm.start(false);
            awaitUi(() -> vm.visibleRows().size() == 4);
            assertThat(vm.statusProperty().get()).isEqualTo(RunStatus.LIVE);

            vm.filterProperty().set("fwmark|172\\.30");
            assertThat(vm.visibleRows()).hasSize(2);
            assertThat(vm.visibleRawLines()).extracting(l -> l.text())
                    .containsExactly("512:\tfrom all to 172.30.40.10 lookup main", "1024:\tfrom all fwmark 0x80/0x80 lookup main");
            vm.filterProperty().set("fwmark|(");
            assertThat(vm.filterErrorProperty().get()).startsWith("Not a regex yet");
            assertThat(vm.visibleRows()).hasSize(2);
            vm.filterProperty().set("");
            assertThat(vm.visibleRows()).hasSize(4);

            assertThat(vm.changeInterval(Duration.ofMillis(100))).hasValueSatisfying(m -> assertThat(m).contains("0.5–60 s"));
            assertThat(vm.changeInterval(Duration.ofSeconds(1))).isEmpty();
            assertThat(vm.intervalProperty().get()).isEqualTo(Duration.ofSeconds(1));

            assertThat(vm.exportShown(ExportFormat.MARKDOWN)).hasValueSatisfying(md ->
                    assertThat(md).contains("`worker1$ cat " + file + "`").contains("fwmark"));
            assertThat(vm.canZeroCounters()).isFalse();
        }
    }

    @Test
    void aFailingCommandShowsItsExitCodeAndStderr() throws Exception {
        CommandRunner local = hub.runner("worker1").orElseThrow();
        WatchDefinition watch = WatchDefinition.custom("worker1", "echo 'conntrack v1.4.7: Operation not permitted' >&2; exit 1",
                Optional.of(ParserKind.CONNTRACK), Duration.ofMillis(500));
        try (WatchPanelViewModel vm = new WatchPanelViewModel(watch, name -> Optional.of(local), new NetparseSnapshotReader(), scheduler, ui)) {
            vm.start(false);
            awaitUi(() -> vm.statusProperty().get() == RunStatus.FAILING);
            assertThat(vm.problemProperty().get()).contains("exited with 1").contains("Operation not permitted");
        }
    }
}
