package io.labbench.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.labbench.app.aws.AwsWorkbench;
import io.labbench.app.aws.LocalLabAwsClients;
import io.labbench.app.shell.TerminalDirectory;
import io.labbench.app.ui.SceneSnapshot;
import io.labbench.aws.ec2.ClusterNode;
import io.labbench.locallab.LabStatus;
import io.labbench.sessions.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Cluster › AWS… on the local backend: the same window and SDK code as on AWS, pointed at the lab's own
 * endpoint with the lab's key, shows the lab's account and discovers the lab's nodes with their types.
 * Root only (it builds the lab). Leaves a snapshot in {@code target/local-lab-aws-window.png}.
 */
@ExtendWith(ApplicationExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalLabAwsWindowUiTest {

    @TempDir
    static Path tempDir;
    private static RunningLocalLab running;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private AwsWorkbench bench;

    @BeforeAll
    static void startTheLab() throws Exception {
        assumeTrue(RunningLocalLab.isRoot(), "builds the local lab as root");
        // the assembled AWS window takes a while to build on a busy machine (TestFX gives it 10 s by default)
        org.testfx.api.FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
        running = RunningLocalLab.start(tempDir);
    }

    @AfterAll
    void stopTheLab() throws Exception {
        executor.shutdownNow();
        if (running != null) {
            running.close();
        }
    }

    @Start
    void start(Stage stage) {
        AtomicReference<Workspace> workspace = new AtomicReference<>(Workspace.defaultLocal("pkos"));
        TerminalDirectory none = new NoTerminals();
        bench = new AwsWorkbench(new LocalLabAwsClients(running.lab.settings()), executor, workspace::updateAndGet, none);
        stage.setScene(new Scene(bench.node(), 1300, 850));
        stage.show();
    }

    @Test
    void theWindowShowsTheLabsAccountAndNodes(FxRobot robot) throws Exception {
        robot.interact(bench::checkIdentity);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#aws-identity").queryAs(Label.class).getText().startsWith("Account "));
        assertThat(robot.lookup("#aws-identity").queryAs(Label.class).getText())
                .matches("Account \\d{12} as arn:aws:iam::\\d{12}:user/labbench-" + running.prefix);

        robot.clickOn("Nodes");
        javafx.scene.control.TextField cluster = robot.lookup(n -> n instanceof javafx.scene.control.TextField tf && tf.isVisible()
                && "cluster name, e.g. learn-dc.link".equals(tf.getPromptText())).queryAs(javafx.scene.control.TextField.class);
        robot.clickOn(cluster).write(running.status.clusterName());
        robot.clickOn("Discover nodes");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#aws-nodes").queryAs(TableView.class).getItems().size() == 4);
        @SuppressWarnings("unchecked")
        List<ClusterNode> nodes = robot.lookup("#aws-nodes").queryAs(TableView.class).getItems();
        assertThat(nodes).extracting(n -> n.instanceId() + " " + n.privateIp() + " " + n.instanceType())
                .containsExactlyInAnyOrderElementsOf(running.status.nodes().stream()
                        .map((LabStatus.Node n) -> n.instanceId() + " " + n.ip() + " " + n.instanceType()).toList());

        robot.clickOn("Max pods");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !robot.lookup("#cluster-maxpods").queryAs(TableView.class).getItems().isEmpty());
        SceneSnapshot.save(robot.lookup("#cluster-maxpods").query(), Path.of("target/local-lab-aws-window.png"));
    }
}
