package io.labbench.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.app.shell.WatchDirectory;
import io.labbench.labmodel.engine.StepStatus;
import io.labbench.labmodel.load.LabLoader;
import io.labbench.labmodel.load.LoadResult;
import io.labbench.labmodel.model.Lab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.control.Label;
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
 * The wizard headless, driven like a learner: Run types the substituted command into the right real
 * shell, Capture fills a variable, a check passes then fails, and everything is back after the pane is
 * built again on the same workspace.
 */
@ExtendWith(ApplicationExtension.class)
class LabPaneViewTest {
    static final String LAB = """
            id: wizard-test
            version: 1
            title: {ko: "마법사 시험", en: "Wizard test"}
            summary: {ko: "요약", en: "Summary"}
            backends: [local, aws]
            variables:
              - name: GREETING
                description: {ko: "인사", en: "greeting"}
                default: hello
            sections:
              - id: "2.2"
                title: {ko: "노드 네트워크", en: "Node network"}
                steps:
                  - id: greet
                    title: {ko: "인사하기", en: "Say hello"}
                    body:
                      ko: "**변수**가 치환됩니다.\\n\\n```bash\\necho $GREETING\\n```"
                      en: "The **variable** is substituted.\\n\\n```bash\\necho $GREETING\\n```"
                    actions:
                      - run: "echo $GREETING from the wizard"
                        on: local
                      - watch: routes
                        on: worker1
              - id: "2.3"
                title: {ko: "파드 간 통신", en: "Pod to pod"}
                steps:
                  - id: capture
                    title: {ko: "값 가져오기와 확인", en: "Capture and check"}
                    body: {ko: "노드 IP를 가져옵니다.", en: "Take the node IP."}
                    homework: 1
                    actions:
                      - run: "echo node=$NODEIP"
                        on: worker1
                      - watch: routes
                        on: worker1
                    captures:
                      - name: NODEIP
                        from: {run: "printf 'inet 10.0.1.7/24\\\\n'", on: worker1}
                        regex: "inet ([0-9.]+)/"
                    checks:
                      - name: {ko: "인사말", en: "greeting is hello"}
                        run: "echo $GREETING"
                        on: local
                        expect: {equals: "hello"}
                    hints:
                      - {ko: "힌트", en: "Look at ip addr"}
            """;

    @TempDir
    Path temp;
    Path workspace;
    Lab lab;
    BashTerminals terminals;
    final List<String> watches = new CopyOnWriteArrayList<>();
    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path labFile = Files.createDirectories(temp.resolve("assets/labs")).resolve("wizard.yaml");
        Files.writeString(labFile, LAB, StandardCharsets.UTF_8);
        LoadResult result = new LabLoader().load(labFile);
        assertThat(result.errors()).isEmpty();
        lab = result.lab().orElseThrow();
        workspace = Files.createDirectories(temp.resolve("workspace"));
        terminals = new BashTerminals("local", "worker1");
        stage.setScene(new Scene(newPane(), 1200, 800));
        stage.show();
    }

    private LabPaneView newPane() {
        WatchDirectory watchDirectory = new WatchDirectory() {
            @Override
            public void openWatch(String id, String endpoint) {
                watches.add(id + "@" + endpoint);
            }

            @Override
            public java.util.Optional<String> snapshotText(String id, String endpoint) {
                // what an open routes panel on worker1 would give (the dock's own text is tested in WatchDockViewTest)
                return id.equals("routes") && endpoint.equals("worker1")
                        ? java.util.Optional.of("### Routes (main) · worker1\n\n| destination | dev |\n| 10.0.1.0/24 | ens5 |\n")
                        : java.util.Optional.empty();
            }
        };
        return new LabPaneView(lab, terminals, watchDirectory, new LocalBashPort(), workspace);
    }

    @AfterEach
    void stopShells() throws Exception {
        terminals.close();
    }

    private LabPaneView pane() {
        return (LabPaneView) stage.getScene().getRoot();
    }

    private static void waitFor(String what, Supplier<Boolean> condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> condition.get());
        } catch (TimeoutException e) {
            throw new TimeoutException("waited 30 s for " + what);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void runCaptureCheckAndRestart(FxRobot robot) throws Exception {
        // Run types the substituted command into the local shell, which runs it; worker1 gets nothing.
        assertThat(robot.lookup("#step-title").queryAs(Label.class).getText()).isEqualTo("인사하기");
        ScrollIntoView.click(robot, "#run-action-0");
        waitFor("the local shell to print the greeting", () -> terminals.output("local").contains("hello from the wizard"));
        assertThat(terminals.typed).containsExactly("local: echo hello from the wizard");
        assertThat(terminals.focused).containsExactly("local");
        assertThat(terminals.output("worker1")).doesNotContain("hello");
        ScrollIntoView.click(robot, "#run-action-1");
        waitFor("the watch to open", () -> !watches.isEmpty());
        assertThat(watches).containsExactly("routes@worker1");
        waitFor("the step to show as started", () -> pane().model().item("greet").orElseThrow().status() == StepStatus.STARTED);

        // English, next step: the command waits for $NODEIP until Capture fills it.
        ScrollIntoView.click(robot, "#lang-en");
        ScrollIntoView.click(robot, "#next-button");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#step-title").queryAs(Label.class).getText()).isEqualTo("Capture and check");
        assertThat(robot.lookup(".missing-vars").queryAs(Label.class).getText()).contains("$NODEIP");
        ScrollIntoView.click(robot, "#run-action-0");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(terminals.typed).hasSize(1);
        assertThat(robot.lookup("#lab-message").queryAs(Label.class).getText()).contains("$NODEIP");

        ScrollIntoView.click(robot, "#capture-button");
        waitFor("NODEIP to be captured", () -> "10.0.1.7".equals(pane().model().variable("NODEIP").orElseThrow().valueProperty().get()));
        assertThat(robot.lookup("#variables-table").queryTableView().getItems())
                .anySatisfy(row -> {
                    VariableRow v = (VariableRow) row;
                    assertThat(v.name()).isEqualTo("NODEIP");
                    assertThat(v.valueProperty().get()).isEqualTo("10.0.1.7");
                });
        ScrollIntoView.click(robot, "#run-action-0");
        waitFor("worker1 to print the captured IP", () -> terminals.output("worker1").contains("node=10.0.1.7"));
        assertThat(terminals.typed).last().isEqualTo("worker1: echo node=10.0.1.7");

        // The check passes, then fails with why once the greeting changes.
        ScrollIntoView.click(robot, "#run-check-0");
        waitFor("the check to pass", () -> robot.lookup("#check-why-0").queryAs(Label.class).getText().equals("output is \"hello\""));
        assertThat(pane().model().item("capture").orElseThrow().status()).isEqualTo(StepStatus.CHECK_PASSED);
        robot.interact(() -> pane().model().setVariable("GREETING", "bye"));
        ScrollIntoView.click(robot, "#run-check-0");
        waitFor("the check to fail", () -> robot.lookup("#check-why-0").queryAs(Label.class).getText()
                .equals("expected \"hello\", got \"bye\""));
        waitFor("the step to show as failed", () -> pane().model().item("capture").orElseThrow().status() == StepStatus.FAILED);
        ScrollIntoView.click(robot, "#hint-button");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".hint").queryAll()).hasSize(1);

        // Homework evidence: worker1's transcript, the step's routes watch and a PNG of the window, then the notebook.
        ScrollIntoView.click(robot, "#evidence-button");
        waitFor("evidence to be saved", () -> pane().model().progress("capture").evidence().size() == 3);
        Path notebookDir = temp.resolve("notebook");
        var files = pane().model().exportNotebook(notebookDir).get(60, TimeUnit.SECONDS);
        String notebook = Files.readString(files.markdown());
        assertThat(notebook).contains("### Capture and check (homework 1)", "[worker1] echo node=10.0.1.7",
                "worker1 transcript", "node=10.0.1.7", "watch routes on worker1", "| 10.0.1.0/24 | ens5 |", "FAIL greeting is hello: expected \"hello\", got \"bye\"");
        assertThat(files.images()).singleElement().satisfies(png -> assertThat(Files.size(png)).isGreaterThan(1000));
        assertThat(Files.readString(files.html())).contains("<img src=\"");

        // A new pane on the same workspace, as after a restart, shows the same progress.
        robot.interact(() -> stage.getScene().setRoot(newPane()));
        WaitForAsyncUtils.waitForFxEvents();
        LabPaneViewModel restored = pane().model();
        assertThat(restored.item("greet").orElseThrow().status()).isEqualTo(StepStatus.STARTED);
        assertThat(restored.item("capture").orElseThrow().status()).isEqualTo(StepStatus.FAILED);
        assertThat(restored.variable("NODEIP").orElseThrow().valueProperty().get()).isEqualTo("10.0.1.7");
        assertThat(restored.variable("GREETING").orElseThrow().valueProperty().get()).isEqualTo("bye");
        assertThat(restored.selected().step().id()).isEqualTo("greet");
        robot.interact(() -> restored.select("capture"));
        assertThat(robot.lookup("#check-why-0").queryAs(Label.class).getText()).isEqualTo("expected \"hello\", got \"bye\"");
        assertThat(Files.readString(workspace.resolve("progress.json"))).contains("\"NODEIP\" : \"10.0.1.7\"");

        // Resetting the section forgets its step and the value it captured.
        ScrollIntoView.click(robot, "#reset-section");
        waitFor("the section to reset", () -> restored.item("capture").orElseThrow().status() == StepStatus.NOT_STARTED);
        assertThat(restored.variable("NODEIP").orElseThrow().valueProperty().get()).isEmpty();
        assertThat(restored.item("greet").orElseThrow().status()).isEqualTo(StepStatus.STARTED);
    }
}
