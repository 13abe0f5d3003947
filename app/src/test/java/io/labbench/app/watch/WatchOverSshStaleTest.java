package io.labbench.app.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.watch.WatchDefinition;
import io.labbench.watch.panel.RunStatus;
import io.labbench.watch.run.NetparseSnapshotReader;
import io.labbench.watch.run.WatchScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A panel over a real shared SSH connection whose server goes away: the panel turns stale, keeps the
 * last snapshot, and resumes by itself when the server is back (same port).
 */
class WatchOverSshStaleTest {

    private static final String COMMAND = "ip rule show";

    @TempDir
    Path dir;

    private final ConcurrentLinkedQueue<Runnable> uiQueue = new ConcurrentLinkedQueue<>();
    private final WatchScheduler scheduler = new WatchScheduler();
    private SshNodes nodes;

    @AfterEach
    void stop() {
        scheduler.close();
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aDroppedConnectionMarksThePanelStaleAndItResumesOnReconnect() throws Exception {
        nodes = new SshNodes(dir, COMMAND, "worker1");
        nodes.output("worker1", "0:\tfrom all lookup local\n32766:\tfrom all lookup main\n");
        WatchDefinition watch = WatchDefinition.custom("worker1", COMMAND, Optional.of(io.labbench.netparse.ParserKind.IP_RULE),
                Duration.ofMillis(500));
        try (WatchPanelViewModel vm = new WatchPanelViewModel(watch, nodes.hub(), new NetparseSnapshotReader(), scheduler,
                uiQueue::add)) {
            java.util.List<RunStatus> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            vm.statusProperty().addListener((obs, old, now) -> seen.add(now));
            vm.start(false);
            awaitUi(() -> vm.visibleRows().size() == 2);

            nodes.server("worker1").stop();
            awaitUi(() -> vm.statusProperty().get() == RunStatus.STALE);
            assertThat(vm.problemProperty().get()).contains("reconnecting").contains("showing the last snapshot");
            assertThat(vm.visibleRows()).as("the last good snapshot stays").hasSize(2);

            nodes.output("worker1", "0:\tfrom all lookup local\n512:\tfrom all to 172.30.40.10 lookup main\n32766:\tfrom all lookup main\n");
            nodes.server("worker1").restart();
            awaitUi(() -> vm.statusProperty().get() == RunStatus.LIVE && vm.visibleRows().size() == 3);
            assertThat(vm.problemProperty().get()).isEmpty();
            assertThat(seen).containsSubsequence(RunStatus.LIVE, RunStatus.STALE, RunStatus.LIVE);
        }
    }

    private void awaitUi(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
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
            Thread.sleep(50);
        }
    }
}
