package io.labbench.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.app.ui.DesktopLauncher;
import io.labbench.app.ui.Workbench;
import io.labbench.app.ui.WorkbenchSetup;
import io.labbench.app.ui.terminal.TerminalText;
import io.labbench.labmodel.load.LabLoader;
import io.labbench.labmodel.model.Lab;
import io.labbench.sessions.AppDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard inside the real workbench, on its real terminal grid (local bash shells on ptys) and its
 * session hub: Run types into the worker1 pane and focuses it; a capture and a check run through the
 * hub's command runners.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LabInWorkbenchTest extends FxRobot {
    static final String LAB = """
            id: in-workbench
            version: 1
            title: {ko: "작업대", en: "Workbench"}
            summary: {ko: "요약", en: "Summary"}
            backends: [local]
            variables:
              - name: GREETING
                description: {ko: "인사", en: "greeting"}
                default: hello
            sections:
              - id: "2.2"
                title: {ko: "노드", en: "Nodes"}
                steps:
                  - id: where
                    title: {ko: "어디서", en: "Where it runs"}
                    body: {ko: "본문", en: "Body"}
                    actions:
                      - run: "echo lab-$GREETING-w1"
                        on: worker1
                      - run: "echo lab-$GREETING-w2"
                        on: worker2
                    captures:
                      - name: HOSTNAME_SEEN
                        from: {run: "echo seen-$(id -un)", on: worker1}
                        regex: "(seen-\\\\S+)"
                    checks:
                      - name: {ko: "확인", en: "worker1 answers"}
                        run: "echo $GREETING"
                        on: worker1
                        expect: {equals: "hello"}
            """;
    static final int WAIT_SECONDS = 60;
    static Path home;
    static WorkbenchSetup setup;
    static Workbench workbench;
    static LabPaneView pane;

    @BeforeAll
    static void openWindow() throws Exception {
        home = Files.createTempDirectory("lbt-lab-ui-");
        System.setProperty("labbench.home", home.toString());
        Lab lab = new LabLoader().load("in-workbench.yaml", LAB, Optional.empty()).lab().orElseThrow();
        Path workspace = Files.createDirectories(home.resolve("lab-workspace"));
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            setup = WorkbenchSetup.create(AppDirs.fromEnvironment(), new DesktopLauncher.Options(false, null, "shells"), stage);
            workbench = setup.workbench();
            pane = new LabPaneView(lab, workbench.terminals(), (id, on) -> { }, new CommandRunnerPort(setup.hub()), workspace);
            workbench.setLabPane(pane);
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
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static String screen(String name) {
        return workbench.terminalView().terminal(name)
                .map(t -> TerminalText.text(t.widget().getTerminalTextBuffer())).orElse("");
    }

    static void waitUntil(String what, Callable<Boolean> condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new TimeoutException("waited " + WAIT_SECONDS + " s for " + what + "\n--- worker1 ---\n" + screen("worker1")
                    + "\n--- worker2 ---\n" + screen("worker2") + "\nmessage: " + pane.model().messageProperty().get());
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void runTypesIntoTheRightPaneAndChecksRunThroughTheHub() throws Exception {
        waitUntil("worker1 to show a prompt", () -> !screen("worker1").isBlank());

        ScrollIntoView.click(this, "#run-action-0");

        waitUntil("worker1 to print lab-hello-w1", () -> screen("worker1").lines().anyMatch(l -> l.strip().equals("lab-hello-w1")));
        assertThat(screen("worker2")).doesNotContain("lab-hello");
        waitUntil("worker1 to have focus", () -> workbench.terminalArea().focused().map(p -> p.name()).orElse("").equals("worker1"));

        ScrollIntoView.click(this, "#capture-button");
        waitUntil("the capture", () -> pane.model().variable("HOSTNAME_SEEN").orElseThrow().valueProperty().get().startsWith("seen-"));
        ScrollIntoView.click(this, "#run-check-0");
        waitUntil("the check to pass", () -> lookup("#check-why-0").queryAs(Label.class).getText().equals("output is \"hello\""));
    }
}
