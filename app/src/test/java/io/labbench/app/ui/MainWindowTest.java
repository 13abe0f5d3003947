package io.labbench.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.app.ui.settings.ThemeMode;
import io.labbench.app.ui.settings.UiSettings;
import io.labbench.app.ui.settings.UiSettingsStore;
import io.labbench.app.ui.terminal.OpenTerminal;
import io.labbench.app.terminals.TerminalLink;
import io.labbench.app.ui.terminal.TerminalText;
import io.labbench.sessions.AppDirs;
import io.labbench.sessions.ConnectionState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window headless (Monocle) on four real local shells (pty4j bash): what a learner sees and
 * types. One window is shared by the tests, in order, because each start spawns four shells.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MainWindowTest extends FxRobot {

    private static final List<String> NODES = List.of("kops-ec2", "master", "worker1", "worker2");
    private static final int WAIT_SECONDS = 60;

    private static Path home;
    private static Stage stage;
    private static WorkbenchSetup setup;
    private static Workbench workbench;

    @BeforeAll
    static void openWindow() throws Exception {
        home = Files.createTempDirectory("lbt-ui-");
        // Nothing of this test may touch the real ~/.config or ~/.local.
        System.setProperty("labbench.home", home.toString());
        // The typed lines must fit a pane without wrapping (the test reads screens and transcripts line
        // by line): the terminals get nearly all of the small headless screen, as a learner may set it.
        Files.createDirectories(AppDirs.fromEnvironment().settingsFile().getParent());
        Files.writeString(AppDirs.fromEnvironment().settingsFile(), "{\"mainDividers\": [0.02, 0.98]}");
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            setup = WorkbenchSetup.create(AppDirs.fromEnvironment(),
                    new DesktopLauncher.Options(false, null, "shells"), stage);
            workbench = setup.workbench();
            workbench.show(() -> { });
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterAll
    static void closeWindow() throws Exception {
        if (workbench != null) {
            FxToolkit.setupFixture(() -> workbench.shutdown());
        }
        FxToolkit.cleanupStages();
        System.clearProperty("labbench.home");
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static OpenTerminal terminal(String name) {
        return workbench.terminalView().terminal(name).orElseThrow();
    }

    private static String screen(String name) {
        return TerminalText.text(terminal(name).widget().getTerminalTextBuffer());
    }

    private static void waitUntil(String what, Callable<Boolean> condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            StringBuilder screens = new StringBuilder();
            try {
                screens.append("\nfocus owner: ").append(WaitForAsyncUtils.asyncFx(
                        () -> {
                            Node owner = workbench.scene().getFocusOwner();
                            String which = NODES.stream()
                                    .filter(n -> terminal(n).widget().getTerminalPanel().getCanvas() == owner)
                                    .findFirst().orElse("none of the grid terminals");
                            return owner + " = " + which + ", focused VM " + workbench.terminalArea().focused()
                                    + ", maximised " + workbench.terminalArea().maximized();
                        }).get(5, TimeUnit.SECONDS));
            } catch (Exception fxBusy) {
                screens.append("\nthe JavaFX thread did not answer within 5 s: ").append(fxBusy);
            }
            for (String node : NODES) {
                var buffer = terminal(node).widget().getTerminalTextBuffer();
                screens.append("\n--- ").append(node).append(" ").append(buffer.getWidth()).append("x")
                        .append(buffer.getHeight()).append(" ---\n").append(screen(node));
                terminal(node).link().flatMap(TerminalLink::transcriptFile).filter(Files::exists).ifPresent(file -> {
                    try {
                        screens.append("\n(transcript)\n").append(Files.readString(file));
                    } catch (IOException unreadable) {
                        screens.append("\n(transcript unreadable: ").append(unreadable).append(")");
                    }
                });
            }
            throw new TimeoutException("Timed out waiting for " + what + screens);
        }
    }

    private void focusPane(String name) throws TimeoutException {
        javafx.scene.control.TabPane tabs = lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class);
        if (tabs.getSelectionModel().getSelectedIndex() != 0) {
            // The grid lives on the first tab ("Nodes"): go there as a user would.
            clickOn((Node) lookup(".tab-pane .tab").nth(0).query());
            WaitForAsyncUtils.waitForFxEvents();
        }
        Node body = lookup("#pane-" + name).queryAs(javafx.scene.layout.BorderPane.class).getCenter();
        clickOn(body);
        waitUntil(name + " to have focus (focused: " + workbench.terminalArea().focused().map(p -> p.name()) + ")",
                () -> workbench.terminalArea().focused().map(p -> p.name()).orElse("").equals(name));
    }

    private void typeLine(String text) {
        write(text);
        type(KeyCode.ENTER);
    }

    private void shortcut(KeyCode key) {
        press(KeyCode.CONTROL, KeyCode.SHIFT, key).release(key, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @Order(1)
    void gridOpensFourTerminalsOnRealShells() throws Exception {
        GridPane grid = lookup(".terminal-grid").queryAs(GridPane.class);
        assertThat(grid.getChildren()).hasSize(4);
        assertThat(workbench.terminalArea().openNames()).containsExactlyElementsOf(NODES);
        for (String node : NODES) {
            waitUntil(node + " connected with a prompt", () ->
                    terminal(node).model().state() == ConnectionState.CONNECTED && !screen(node).isBlank());
            assertThat(lookup("#status-" + node).queryLabeled().getStyleClass()).contains("state-connected");
        }
    }

    @Test
    @Order(2)
    void typingEchoesInTheFocusedTerminalOnly() throws Exception {
        focusPane("worker1");
        typeLine("echo typed-in-$((6*7))-w1");
        waitUntil("worker1 to print the echo", () -> screen("worker1").contains("typed-in-42-w1"));
        for (String other : List.of("kops-ec2", "master", "worker2")) {
            assertThat(screen(other)).doesNotContain("typed-in");
        }
    }

    @Test
    @Order(3)
    void maximiseShowsOnePaneResizesItsPtyAndRestoreBringsTheGridBack() throws Exception {
        focusPane("master");
        int columnsBefore = terminal("master").widget().getTerminalTextBuffer().getWidth();
        shortcut(KeyCode.M);
        GridPane grid = lookup(".terminal-grid").queryAs(GridPane.class);
        assertThat(grid.getChildren().filtered(Node::isVisible)).extracting(Node::getId).containsExactly("pane-master");
        waitUntil("the maximised terminal to get wider",
                () -> terminal("master").widget().getTerminalTextBuffer().getWidth() > columnsBefore);

        // The shell itself sees the new size: the resize reached the pty.
        typeLine("stty size");
        waitUntil("stty to report the maximised size", () -> {
            var buffer = terminal("master").widget().getTerminalTextBuffer();
            String expected = buffer.getHeight() + " " + buffer.getWidth();
            return TerminalText.lines(buffer).stream().anyMatch(line -> line.strip().equals(expected));
        });

        shortcut(KeyCode.M);
        assertThat(grid.getChildren().filtered(Node::isVisible)).extracting(Node::getId)
                .containsExactlyInAnyOrder("pane-kops-ec2", "pane-master", "pane-worker1", "pane-worker2");
        assertThat(GridPane.getColumnIndex(lookup("#pane-worker1").query())).isZero();
        assertThat(GridPane.getRowIndex(lookup("#pane-worker1").query())).isEqualTo(1);
    }

    @Test
    @Order(4)
    void broadcastReachesExactlyTheGroupAndOneKeyEndsIt() throws Exception {
        focusPane("master");
        shortcut(KeyCode.B);
        focusPane("worker1");
        shortcut(KeyCode.B);
        assertThat(lookup("#status-broadcast").queryLabeled().isVisible()).isTrue();
        assertThat(lookup("#status-broadcast").queryLabeled().getText()).contains("2 terminals");
        assertThat(lookup("#broadcast-marker-master").queryLabeled().isVisible()).isTrue();
        assertThat(lookup("#broadcast-marker-worker1").queryLabeled().isVisible()).isTrue();
        assertThat(lookup("#broadcast-marker-kops-ec2").queryLabeled().isVisible()).isFalse();

        focusPane("master");
        typeLine("echo bc-$((100+23))");
        waitUntil("both members to run the broadcast command",
                () -> screen("master").contains("bc-123") && screen("worker1").contains("bc-123"));
        // Give a leak time to show before asserting it did not happen.
        WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
        assertThat(screen("kops-ec2")).doesNotContain("bc-");
        assertThat(screen("worker2")).doesNotContain("bc-");

        shortcut(KeyCode.X);
        assertThat(lookup("#status-broadcast").queryLabeled().isVisible()).isFalse();
        assertThat(lookup("#broadcast-marker-master").queryLabeled().isVisible()).isFalse();
        typeLine("echo solo-$((1+1))");
        waitUntil("master alone to run the command", () -> screen("master").contains("solo-2"));
        WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
        assertThat(screen("worker1")).doesNotContain("solo-");
    }

    @Test
    @Order(5)
    void transcriptHasTheTypedSecretMasked() throws Exception {
        String accessKeyId = "AKIA" + "IOSFODNN7EXAMPLE";
        focusPane("worker2");
        typeLine("echo key=" + accessKeyId + " end-of-secret-test");
        waitUntil("worker2 to print the key", () -> screen("worker2").contains("end-of-secret-test"));
        // The learner sees what they typed; only the recording is masked.
        assertThat(screen("worker2")).contains(accessKeyId);

        Path transcript = terminal("worker2").link().flatMap(TerminalLink::transcriptFile).orElseThrow();
        assertThat(transcript).startsWith(home);
        waitUntil("the transcript to record the output", () -> Files.exists(transcript)
                && Files.readString(transcript).lines().filter(l -> l.contains("end-of-secret-test")).count() >= 2);
        String recorded = Files.readString(transcript);
        assertThat(recorded).doesNotContain(accessKeyId).contains("[masked");
        assertThat(recorded).doesNotContain("\u001b[");
    }

    @Test
    @Order(6)
    void theWizardTypesIntoANamedTerminalAndBringsItForward() throws Exception {
        focusPane("worker2");
        interact(() -> workbench.terminals().type("kops-ec2", "echo from-wizard-$((2+3))", true));
        waitUntil("kops-ec2 to run the typed command", () -> screen("kops-ec2").contains("from-wizard-5"));
        assertThat(workbench.terminalArea().focused().map(p -> p.name())).contains("kops-ec2");
        waitUntil("the transcript lines to reach the directory",
                () -> workbench.terminals().recentLines("kops-ec2", 20).contains("from-wizard-5"));
        assertThat(workbench.terminals().names()).containsExactlyElementsOf(NODES);
    }

    @Test
    @Order(7)
    void nextTerminalShortcutMovesFocusAndANewTerminalOpensInATab() throws Exception {
        focusPane("kops-ec2");
        press(KeyCode.CONTROL, KeyCode.PAGE_DOWN).release(KeyCode.PAGE_DOWN, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(workbench.terminalArea().focused().map(p -> p.name())).contains("master");

        shortcut(KeyCode.T);
        assertThat(workbench.terminalArea().tabPanes()).extracting(p -> p.name()).containsExactly("local");
        assertThat(workbench.terminalArea().focused().map(p -> p.name())).contains("local");
        waitUntil("the new tab's shell", () -> terminal("local").model().state() == ConnectionState.CONNECTED);
    }

    @Test
    @Order(8)
    void themeSplitsAndOpenTerminalsAreRestoredOnTheNextLaunch() throws Exception {
        ThemeMode before = workbench.theme();
        shortcut(KeyCode.L);
        assertThat(workbench.theme()).isEqualTo(before.toggled());
        interact(() -> workbench.window().setDividerPositions(List.of(0.2, 0.7)));
        interact(() -> assertThat(workbench.saveSettings()).isTrue());

        UiSettings saved = new UiSettingsStore(AppDirs.fromEnvironment().settingsFile()).load();
        assertThat(saved.theme()).isEqualTo(before.toggled());
        assertThat(saved.openTerminals()).containsExactly("kops-ec2", "master", "worker1", "worker2", "local");
        assertThat(saved.mainDividers().get(0)).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.02));

        // A second launch reads the same file and opens the same terminals with the same look.
        Workbench[] second = new Workbench[1];
        FxToolkit.setupFixture(() -> {
            Stage another = new Stage();
            second[0] = WorkbenchSetup.create(AppDirs.fromEnvironment(),
                    new DesktopLauncher.Options(false, null, "shells"), another).workbench();
        });
        try {
            assertThat(second[0].terminalArea().openNames()).containsExactly("kops-ec2", "master", "worker1", "worker2", "local");
            assertThat(second[0].theme()).isEqualTo(before.toggled());
            assertThat(second[0].currentSettings().mainDividers().get(0)).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.02));
        } finally {
            FxToolkit.setupFixture(() -> second[0].shutdown());
        }
    }

    @Test
    @Order(9)
    void exitEndsTheSessionWithABannerAndReconnectStartsANewShellInPlace() throws Exception {
        focusPane("worker2");
        typeLine("exit");
        waitUntil("worker2's banner after exit", () -> terminal("worker2").model().state() == ConnectionState.CLOSED
                && terminal("worker2").model().dropBannerVisibleProperty().get());
        assertThat(terminal("worker2").model().dropMessageProperty().get()).contains("ended");
        // Drops reconnect by themselves; an exit must not.
        WaitForAsyncUtils.sleep(2, TimeUnit.SECONDS);
        assertThat(terminal("worker2").model().state()).isEqualTo(ConnectionState.CLOSED);

        clickOn("#reconnect-worker2");
        waitUntil("a new shell in worker2", () -> terminal("worker2").model().state() == ConnectionState.CONNECTED);
        assertThat(lookup("#pane-worker2").query().isVisible()).isTrue();
        focusPane("worker2");
        typeLine("echo again-$((3*3))");
        waitUntil("the new shell to answer", () -> screen("worker2").contains("again-9"));
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
