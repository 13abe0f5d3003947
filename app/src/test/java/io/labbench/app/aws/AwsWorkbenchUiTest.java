package io.labbench.app.aws;

import static io.labbench.aws.testing.FakeAwsEndpoint.resource;
import static io.labbench.aws.testing.FakeAwsEndpoint.xml;
import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.aws.testing.FakeAwsEndpoint;
import io.labbench.aws.testing.QueryXml;
import io.labbench.sessions.workspace.Workspace;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The assembled AWS pane as a learner uses its cost guard: check what runs, see the hourly estimate,
 * then the cleanup's cluster deletion goes through a confirmation into the kops-ec2 terminal.
 */
@ExtendWith(ApplicationExtension.class)
class AwsWorkbenchUiTest {

    private static final String ELB = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    private static final String CFN = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    private final FakeAwsEndpoint aws = new FakeAwsEndpoint();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AwsTabViewModelsTest.RecordingTerminals terminals = new AwsTabViewModelsTest.RecordingTerminals();
    private AwsWorkbench bench;

    @Start
    void start(Stage stage) {
        AtomicReference<Workspace> workspace = new AtomicReference<>(Workspace.defaultLocal("pkos"));
        bench = new AwsWorkbench(settings -> aws.clients(), executor, workspace::updateAndGet, terminals);
        stage.setScene(new Scene(bench.node(), 1300, 850));
        stage.show();
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        aws.close();
    }

    @Test
    void costGuardShowsWhatRunsAndCleanupAsksFirst(FxRobot robot) throws Exception {
        aws.on("DescribeStacks", xml(QueryXml.response("DescribeStacks", CFN,
                "{\"Stacks\":[{\"StackName\":\"mkops\",\"StackId\":\"arn:s\",\"CreationTime\":\"2023-01-24T10:00:00Z\",\"StackStatus\":\"CREATE_COMPLETE\"}]}")));
        aws.on("DescribeInstances", xml(resource("ec2-describe-instances-kops-nodes.xml")));
        aws.on("DescribeVolumes", xml("<DescribeVolumesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><volumeSet/></DescribeVolumesResponse>"));
        aws.on("DescribeLoadBalancers", xml(QueryXml.response("DescribeLoadBalancers", ELB, "{\"LoadBalancers\":[]}")));

        robot.clickOn("Cost guard");
        robot.clickOn("#cost-cluster").write("ejpark.link");
        robot.clickOn("#cost-refresh");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !robot.lookup("#cost-resources").queryAs(TableView.class).getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#cost-resources").queryAs(TableView.class).getItems()).hasSize(4);
        assertThat(robot.lookup("#cost-total").queryAs(Label.class).getText()).startsWith("About $0.234 per hour");
        assertThat(bench.hasRunningResources()).isTrue();
        assertThat(aws.requests("DescribeInstances").get(0).params()).containsEntry("Filter.1.Name", "instance-state-name");

        robot.clickOn("#cost-delete-cluster");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(terminals.typed).as("nothing runs without confirmation").isEmpty();

        robot.clickOn("#cost-delete-cluster");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("OK");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(terminals.typed).containsExactly("kops-ec2 <- kops delete cluster --yes ⏎");
        assertThat(robot.lookup("#cost-cleanup-status").queryAs(Label.class).getText()).contains("kops-ec2 terminal");
    }
}
