package io.labbench.app.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.app.shell.WatchDirectory;
import io.labbench.sessions.SessionHub;
import io.labbench.sessions.workspace.Workspace;
import io.labbench.watch.layout.DockLayout;
import io.labbench.watch.layout.DockLayoutStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The dock opens named watches for the lab wizard and comes back as it was after a restart. */
@ExtendWith(ApplicationExtension.class)
class WatchDockViewTest {

    @TempDir
    Path config;

    private SessionHub hub;
    private Stage stage;
    private final AtomicReference<WatchDock> dock = new AtomicReference<>();

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> {
            if (dock.get() != null) {
                dock.get().close();
            }
        });
        if (hub != null) {
            hub.close();
        }
    }

    private WatchDock show(FxRobot robot) {
        if (hub == null) {
            // The study's node names as local shells; HOME in the temp folder so the login shell that runs
            // each command does not read this machine's profile (a slow one would time the watches out).
            List<io.labbench.sessions.Endpoint> shells = Workspace.DEFAULT_NODE_NAMES.stream()
                    .<io.labbench.sessions.Endpoint>map(node -> new io.labbench.sessions.LocalShellEndpoint(node,
                            List.of("bash", "-l"), java.util.Map.of("HOME", config.toString()), java.util.Optional.empty()))
                    .toList();
            hub = SessionHub.builder(new Workspace("lbt-dock", io.labbench.cluster.Backend.LOCAL, shells,
                    java.util.Map.of())).build();
        }
        robot.interact(() -> {
            WatchDock created = WatchDock.create(hub, () -> Workspace.DEFAULT_NODE_NAMES, config);
            dock.set(created);
            stage.setScene(new Scene((javafx.scene.Parent) created.node(), 1200, 700));
            stage.show();
        });
        return dock.get();
    }

    @Test
    void labStepsOpenOrFocusNamedWatchesAndTheLayoutSurvivesARestart(FxRobot robot) throws Exception {
        WatchDock first = show(robot);
        WatchDirectory directory = first;
        robot.interact(() -> {
            directory.openWatch("routes", "worker1");
            directory.openWatch("rules", "worker2");
            directory.openWatch("routes", "worker1");
            directory.openWatch("no-such-watch", "worker1");
        });
        assertThat(first.model().openPanels()).extracting(p -> p.definition().panelKey())
                .containsExactly("worker1/routes", "worker2/rules");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () ->
                first.model().openPanels().get(1).historySizeProperty().get() > 0);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () ->
                first.model().openPanels().get(0).historySizeProperty().get() > 0);
        // homework evidence for a lab step: what the open panel shows, by the id the lab file uses
        String evidence = WaitForAsyncUtils.asyncFx(() -> directory.snapshotText("routes", "worker1")).get().orElseThrow();
        assertThat(evidence).startsWith("### Routes (main) · worker1").contains("`worker1$ ip route show`")
                .contains("| table | type | destination |");
        assertThat(WaitForAsyncUtils.asyncFx(() -> directory.snapshotText("conntrack", "worker1")).get())
                .as("a watch that is not open gives no evidence").isEmpty();
        assertThat(robot.lookup(".label").queryAll()).anySatisfy(node ->
                assertThat(((javafx.scene.control.Label) node).getText()).contains("No ready-made watch 'no-such-watch'"));

        robot.interact(() -> {
            first.model().openPanels().get(1).pause();
            first.model().splitSelected();
            // a worker2 | worker1 compare tab, in the last pane beside routes
            first.model().openSideBySide(io.labbench.watch.StudyWatches.on("rules", "worker2").orElseThrow(), "worker1");
        });
        DockLayout before = first.model().layout();
        assertThat(before.panes()).hasSize(2);
        robot.interact(first::close);
        dock.set(null);
        Path file = config.resolve("watch-dock.json");
        assertThat(Files.readString(file)).contains("\"watchId\" : \"routes\"").contains("\"endpoint\" : \"worker2\"")
                .contains("\"compareWith\" : \"worker1\"").doesNotContain("sideBySide");

        WatchDock second = show(robot);
        List<WatchPanelViewModel> restored = second.model().openPanels();
        // The third openWatch("routes") focused the routes tab, so "Split" moved routes into the new pane.
        assertThat(restored).extracting(p -> p.definition().panelKey()).containsExactly("worker2/rules", "worker1/routes");
        assertThat(restored.get(0).pausedProperty().get()).as("a paused panel comes back paused").isTrue();
        assertThat(restored.get(1).pausedProperty().get()).isFalse();
        assertThat(second.model().comparisons()).as("the compare tab comes back too").singleElement().satisfies(side -> {
            assertThat(side.leftDefinition().panelKey()).isEqualTo("worker2/rules");
            assertThat(side.rightEndpoint()).isEqualTo("worker1");
        });
        assertThat(robot.lookup(".tab-label").queryAll()).anySatisfy(node ->
                assertThat(((javafx.scene.control.Label) node).getText()).isEqualTo("rules · worker2 | worker1"));
        assertThat(second.model().layout().panes()).as("panes, tabs and selection as saved").isEqualTo(before.panes());
        assertThat(DockLayoutStore.inConfigFolder(config).load().layout().panes()).hasSize(2);
    }

    @Test
    void anEmptyDockSaysWhatItIsForAStepsWatchesOpenInOneClickAndAPoppedOutWatchComesBack(FxRobot robot) {
        WatchDock dock = show(robot);
        assertThat(robot.lookup("#watch-empty").queryAs(javafx.scene.layout.VBox.class).isVisible())
                .as("an empty dock explains itself").isTrue();
        assertThat(robot.lookup(".label").queryAll()).anySatisfy(node ->
                assertThat(((javafx.scene.control.Label) node).getText()).startsWith("A watch re-runs a command on a node"));

        robot.interact(() -> dock.suggest(List.of(new WatchDirectory.Suggestion("iptables-snat", "worker1"))));
        robot.clickOn("#watch-offer-iptables-snat-worker1");
        assertThat(dock.model().openPanels()).extracting(p -> p.definition().panelKey())
                .containsExactly("worker1/iptables-snat-0");
        assertThat(robot.lookup("#watch-empty").queryAs(javafx.scene.layout.VBox.class).isVisible()).isFalse();

        DockedWatch snat = dock.model().watches().get(0);
        robot.interact(() -> dock.model().popOut(snat));
        assertThat(dock.view().windows()).singleElement().satisfies(window -> {
            assertThat(window.isShowing()).isTrue();
            assertThat(window.getScene().getRoot().lookup(".watch-panel")).as("the panel moved into the window").isNotNull();
        });
        robot.interact(() -> dock.view().windows().get(0).hide());
        assertThat(dock.model().floating()).as("closing its window docks the watch again").isEmpty();
        assertThat(dock.model().panes()).singleElement().satisfies(pane -> assertThat(pane.watches()).containsExactly(snat));
        assertThat(dock.view().lookup(".watch-panel")).as("back in its tab").isNotNull();
    }
}
