package io.labbench.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.sessions.AppDirs;
import io.labbench.sessions.SshEndpoint;
import io.labbench.cluster.Backend;
import io.labbench.sessions.workspace.Workspace;
import io.labbench.sessions.workspace.WorkspaceStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** File > Edit endpoints: the dialog validates as the learner types and OK saves the workspace file. */
@ExtendWith(ApplicationExtension.class)
class EndpointEditorUiTest {

    @TempDir
    Path home;

    private Stage owner;

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.setScene(new Scene(new Label("LabBench"), 400, 300));
        stage.show();
    }

    @Test
    void aBadPortIsExplainedAndTheFixedEndpointIsSavedToTheWorkspaceFile(FxRobot robot) throws Exception {
        WorkspaceStore store = new WorkspaceStore(new AppDirs(home.resolve("config"), home.resolve("data"), home.resolve("state")));
        Workspace workspace = new Workspace("aws", Backend.AWS, List.of(SshEndpoint.direct("kops-ec2", "3.35.137.31", 22,
                "root", List.of(Path.of("/home/student/.ssh/kp-study.pem")))), Map.of());
        store.save(workspace);
        List<String> notices = new CopyOnWriteArrayList<>();

        Platform.runLater(() -> WorkbenchSetup.editEndpoints(owner, store, workspace, notices::add));
        ShownNodes.await(robot, "#endpoint-port");
        assertThat(robot.lookup("#endpoint-host").queryAs(TextField.class).getText()).isEqualTo("3.35.137.31");

        robot.doubleClickOn("#endpoint-port").eraseText(4).write("70000");
        assertThat(robot.lookup("#endpoint-problems").queryAs(Label.class).getText())
                .isEqualTo("Port: expected 1 to 65535, got 70000");

        robot.doubleClickOn("#endpoint-port").eraseText(6).write("2222");
        robot.doubleClickOn("#endpoint-user").eraseText(6).write("ubuntu");
        assertThat(robot.lookup("#endpoint-problems").queryAs(Label.class).getText()).isEmpty();
        robot.clickOn("#endpoint-apply");
        robot.clickOn("OK");

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !notices.isEmpty());
        assertThat(notices).singleElement().asString().startsWith("Saved " + store.file("aws"));
        String saved = Files.readString(store.file("aws"));
        assertThat(store.load("aws").endpoint("kops-ec2")).get().isEqualTo(SshEndpoint.direct("kops-ec2", "3.35.137.31",
                2222, "ubuntu", List.of(Path.of("/home/student/.ssh/kp-study.pem"))));
        assertThat(saved).contains("2222");
    }
}
