package io.labbench.app.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.netparse.ParserKind;
import io.labbench.watch.WatchDefinition;
import io.labbench.watch.panel.RowMark;
import io.labbench.watch.run.NetparseSnapshotReader;
import io.labbench.watch.run.WatchScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A watch panel fed by a real SSH runner (SessionHub's shared connection) against a MINA SSHD server
 * whose output for {@code ip -o link show} changes while the panel watches.
 */
@ExtendWith(ApplicationExtension.class)
class WatchPanelViewTest {

    private static final String COMMAND = "ip -o link show";
    private static final String BEFORE = """
            1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
            2: ens5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc mq state UP mode DEFAULT group default qlen 1000\\    link/ether 02:8e:4a:1b:2c:3d brd ff:ff:ff:ff:ff:ff
            3: eni5e9c8a4b1f2@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc noqueue state UP mode DEFAULT group default\\    link/ether 6a:11:22:33:44:55 brd ff:ff:ff:ff:ff:ff link-netns cni-1
            """;
    private static final String AFTER = BEFORE.replace("eni5e9c8a4b1f2@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001",
            "eni5e9c8a4b1f2@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500")
            + "4: eni0a1b2c3d4e5@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc noqueue state UP mode DEFAULT group default\\"
            + "    link/ether 6a:aa:bb:cc:dd:ee brd ff:ff:ff:ff:ff:ff link-netns cni-2\n";

    @TempDir
    static Path dir;

    private SshNodes nodes;
    private WatchScheduler scheduler;
    private WatchPanelView view;

    @Start
    void start(Stage stage) throws Exception {
        nodes = new SshNodes(dir, COMMAND, "worker1");
        nodes.output("worker1", BEFORE);
        scheduler = new WatchScheduler();
        WatchDefinition watch = WatchDefinition.custom("worker1", COMMAND, Optional.of(ParserKind.IP_LINK), Duration.ofSeconds(2));
        WatchPanelViewModel viewModel = new WatchPanelViewModel(watch, nodes.hub(), new NetparseSnapshotReader(), scheduler,
                Platform::runLater);
        view = new WatchPanelView(viewModel, vm -> { });
        stage.setScene(new Scene(view, 1300, 600));
        stage.show();
        viewModel.start(false);
    }

    @AfterEach
    void stop() {
        view.viewModel().close();
        scheduler.close();
        nodes.close();
    }

    @Test
    void changedCellsAreHighlightedAndNewRowsMarkedAndPauseStopsRuns(FxRobot robot) throws Exception {
        await(() -> view.table().getItems().size() == 3);

        nodes.output("worker1", AFTER);
        // Any strength of highlight: on a loaded machine the first, brightest refresh can be over
        // before the robot looks.
        await(() -> highlighted(robot, "1500"));
        assertThat(view.table().getItems()).anySatisfy(row -> {
            assertThat(row.key()).isEqualTo("eni0a1b2c3d4e5");
            assertThat(row.row().mark()).isEqualTo(RowMark.NEW);
        });
        assertThat(robot.lookup(".table-row-cell").queryAll().stream()
                .anyMatch(row -> row.getPseudoClassStates().contains(WatchStyles.NEW_ROW))).isTrue();
        // The highlight fades: a few refreshes later the cell is no longer at full strength.
        await(() -> !highlighted(robot, "1500"));

        // Homework evidence: the panel as a PNG, and the change between the first and last point.
        java.util.concurrent.atomic.AtomicReference<java.awt.image.BufferedImage> image = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> image.set(javafx.embed.swing.SwingFXUtils.fromFXImage(WatchFiles.snapshot(view), null)));
        Path png = dir.resolve("panel.png");
        WatchFiles.writePng(image.get(), png);
        assertThat(java.nio.file.Files.readAllBytes(png)).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(image.get().getWidth()).isEqualTo((int) view.getWidth());
        String diff = callOnFxString(() -> view.viewModel().exportComparison(0,
                view.viewModel().historySizeProperty().get() - 1, io.labbench.watch.export.ExportFormat.MARKDOWN));
        assertThat(diff).contains("| added | eni0a1b2c3d4e5 |").contains("mtu: 9001 → 1500");

        robot.clickOn("#watch-pause");
        await(() -> view.viewModel().pausedProperty().get());
        long atPause = settledRuns(); // a run already in flight may still land

        Thread.sleep(6000); // three intervals
        assertThat(nodes.runs("worker1", COMMAND)).as("no runs while paused").isEqualTo(atPause);
        assertThat(nodes.server("worker1").connectionsAccepted()).as("one shared connection for every refresh").isEqualTo(1);

        robot.clickOn("#watch-pause");
        await(() -> nodes.runs("worker1", COMMAND) >= atPause + 2);
    }

    @Test
    void theFilterKeepsMatchingRowsAndTheRawToggleShowsTheOutput(FxRobot robot) throws Exception {
        await(() -> view.table().getItems().size() == 3);
        robot.clickOn("#watch-filter").write("eni|ens");
        await(() -> view.table().getItems().size() == 2);
        robot.clickOn("#watch-filter").write("(");
        await(() -> !view.viewModel().filterErrorProperty().get().isEmpty());
        assertThat(view.table().getItems()).as("a half-typed regex keeps the last filter").hasSize(2);

        robot.clickOn("#watch-raw-toggle");
        await(() -> robot.lookup("#watch-raw").queryAll().stream().anyMatch(javafx.scene.Node::isVisible));
        nodes.output("worker1", AFTER);
        await(() -> !robot.lookup(".watch-raw-changed").queryAll().isEmpty());
    }

    /** The server's run count once it has not moved for two seconds. */
    private long settledRuns() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long last = nodes.runs("worker1", COMMAND);
        while (System.nanoTime() < deadline) {
            Thread.sleep(2000);
            long now = nodes.runs("worker1", COMMAND);
            if (now == last) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("runs kept coming after pause: " + last);
    }

    /** Whether a visible table cell showing {@code text} carries a change highlight of any age. */
    private static boolean highlighted(FxRobot robot, String text) {
        return robot.lookup(".table-cell").queryAll().stream().anyMatch(node -> node instanceof TableCell<?, ?> cell
                && node.isVisible() && text.equals(cell.getText())
                && cell.getPseudoClassStates().stream().anyMatch(WatchStyles::isChanged));
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return callOnFx(condition);
        });
    }

    private static String callOnFxString(Callable<String> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
    }

    private static boolean callOnFx(Callable<Boolean> condition) throws Exception {
        return WaitForAsyncUtils.asyncFx(condition).get(10, TimeUnit.SECONDS);
    }
}
