package io.labbench.app.aws;

import static io.labbench.aws.testing.FakeAwsEndpoint.resource;
import static io.labbench.aws.testing.FakeAwsEndpoint.xml;
import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.app.ui.Workbench;
import io.labbench.app.ui.settings.UiSettingsStore;
import io.labbench.app.terminals.TerminalLinkFactory;
import io.labbench.aws.testing.FakeAwsEndpoint;
import io.labbench.aws.testing.QueryXml;
import io.labbench.sessions.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real main window's close path with the AWS pane's guard registered as the app does: while the
 * cost guard knows of running resources, closing (window button or File › Quit) asks first, and only
 * "Quit anyway" lets LabBench close.
 */
@ExtendWith(ApplicationExtension.class)
class AwsExitWarningUiTest {

    private static final String ELB = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    private static final String CFN = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    private final FakeAwsEndpoint aws = new FakeAwsEndpoint();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicInteger awsWindowShown = new AtomicInteger();
    private Path home;
    private Stage stage;
    private Workbench workbench;
    private AwsWorkbench bench;

    /** No terminals: the test is about the window's close path, not its shells. */
    private static final TerminalLinkFactory NO_TERMINALS = new TerminalLinkFactory() {
        @Override
        public List<String> knownNames() {
            return List.of();
        }

        @Override
        public io.labbench.app.terminals.TerminalLink open(String name, int columns, int rows,
                                                            io.labbench.app.terminals.TerminalLink.StateListener listener) throws IOException {
            throw new IOException("no terminals in this test");
        }
    };

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        home = Files.createTempDirectory("lbt-exit-");
        workbench = new Workbench(stage, new UiSettingsStore(home.resolve("ui.json")), NO_TERMINALS, List.of(), (owner, notice) -> { });
        AtomicReference<Workspace> workspace = new AtomicReference<>(Workspace.defaultLocal("pkos"));
        bench = new AwsWorkbench(settings -> aws.clients(), executor, workspace::updateAndGet, new AwsTabViewModelsTest.RecordingTerminals());
        // As ClusterWindows registers it; "Open cost guard" shows the AWS window there.
        workbench.addCloseGuard(owner -> bench.mayExit(owner, awsWindowShown::incrementAndGet));
        Stage awsStage = new Stage();
        awsStage.initOwner(stage);
        awsStage.setScene(new Scene(bench.node(), 1000, 700));
        workbench.show(closed::incrementAndGet);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> workbench.shutdown()).get(10, TimeUnit.SECONDS);
        executor.shutdownNow();
        aws.close();
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Fired later, not waited for: the dialog it opens runs a nested event loop on the JavaFX thread. */
    private void closeButton() {
        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
    }

    private void fileQuit(FxRobot robot) {
        MenuItem quit = robot.lookup("#main-menu").queryAs(MenuBar.class).getMenus().get(0).getItems().stream()
                .filter(i -> "Quit".equals(i.getText())).findFirst().orElseThrow();
        Platform.runLater(quit::fire);
    }

    private static DialogPane awaitWarning(FxRobot robot) throws Exception {
        // Present in the scene graph a moment before its window shows: wait until it can be clicked.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#aws-exit-warning").tryQuery()
                .map(n -> n.getScene() != null && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#aws-exit-warning").queryAs(DialogPane.class);
    }

    @Test
    void nothingKnownToRunClosesWithoutAsking(FxRobot robot) throws Exception {
        closeButton();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> closed.get() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#aws-exit-warning").tryQuery()).isEmpty();
        assertThat(stage.isShowing()).isFalse();
    }

    @Test
    void runningResourcesAskBeforeQuittingAndOnlyQuitAnywayCloses(FxRobot robot) throws Exception {
        aws.on("DescribeStacks", xml(QueryXml.response("DescribeStacks", CFN,
                "{\"Stacks\":[{\"StackName\":\"mkops\",\"StackId\":\"arn:s\",\"CreationTime\":\"2023-01-24T10:00:00Z\",\"StackStatus\":\"CREATE_COMPLETE\"}]}")));
        aws.on("DescribeInstances", xml(resource("ec2-describe-instances-kops-nodes.xml")));
        aws.on("DescribeVolumes", xml("<DescribeVolumesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><volumeSet/></DescribeVolumesResponse>"));
        aws.on("DescribeLoadBalancers", xml(QueryXml.response("DescribeLoadBalancers", ELB, "{\"LoadBalancers\":[]}")));
        robot.interact(() -> {
            bench.costGuard().clusterNameProperty().set("ejpark.link");
            bench.costGuard().refresh();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> bench.hasRunningResources());

        closeButton();
        DialogPane warning = awaitWarning(robot);
        assertThat(warning.getHeaderText()).isEqualTo("4 resources still run in AWS, costing about $0.234/hour.");
        assertThat(warning.getContentText()).contains("stack mkops (CREATE_COMPLETE)").contains("AWS bills until they are deleted");
        robot.clickOn("Keep running");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.isShowing()).isTrue();
        assertThat(closed).hasValue(0);

        fileQuit(robot);
        awaitWarning(robot);
        robot.clickOn("Open cost guard");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.isShowing()).isTrue();
        assertThat(closed).hasValue(0);
        assertThat(awsWindowShown).hasValue(1);
        assertThat(robot.from(bench.node()).lookup(".tab-pane").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getText())
                .isEqualTo("Cost guard");

        fileQuit(robot);
        awaitWarning(robot);
        robot.clickOn("Quit anyway");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> closed.get() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.isShowing()).isFalse();
    }
}
