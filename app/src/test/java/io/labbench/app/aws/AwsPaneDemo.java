package io.labbench.app.aws;

import static io.labbench.aws.testing.FakeAwsEndpoint.resource;
import static io.labbench.aws.testing.FakeAwsEndpoint.xml;

import io.labbench.app.shell.TerminalDirectory;
import io.labbench.aws.testing.FakeAwsEndpoint;
import io.labbench.aws.testing.QueryXml;
import io.labbench.sessions.workspace.Workspace;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

/**
 * Shows the AWS pane against the local fake endpoint with a few answers queued, for looking at it
 * under Xvfb: {@code java … io.labbench.app.aws.AwsPaneDemo$Main [tab index]}. Not a test.
 */
public final class AwsPaneDemo extends Application {

    private static final String ELB = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    private static final String CFN = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    /** The entry point on a plain class path (the JavaFX launcher refuses a main class that extends Application). */
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(AwsPaneDemo.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        FakeAwsEndpoint aws = new FakeAwsEndpoint();
        aws.on("GetCallerIdentity", FakeAwsEndpoint.queryError(403, "ExpiredToken", "The security token included in the request is expired"));
        aws.on("DescribeInstances", xml(resource("ec2-describe-instances-kops-nodes.xml")));
        aws.on("DescribeVolumes", xml("<DescribeVolumesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><volumeSet>"
                + "<item><volumeId>vol-049df61146c4d7901</volumeId><size>128</size><volumeType>gp3</volumeType></item></volumeSet></DescribeVolumesResponse>"));
        aws.on("DescribeStacks", xml(QueryXml.response("DescribeStacks", CFN,
                "{\"Stacks\":[{\"StackName\":\"mkops\",\"StackId\":\"arn:s\",\"CreationTime\":\"2023-01-24T10:00:00Z\",\"StackStatus\":\"CREATE_COMPLETE\"}]}")));
        aws.on("DescribeLoadBalancers", xml(QueryXml.response("DescribeLoadBalancers", ELB,
                "{\"LoadBalancers\":[{\"LoadBalancerName\":\"k8s-default-svcnlbip-53cb8f2a35\",\"Type\":\"network\",\"LoadBalancerArn\":\"arn:lb\","
                        + "\"DNSName\":\"k8s-default-svcnlbip-53cb8f2a35-1.elb.us-east-1.amazonaws.com\",\"State\":{\"Code\":\"active\"}}]}")));
        aws.on("DescribeListeners", xml(QueryXml.response("DescribeListeners", ELB, "{\"Listeners\":[{\"Port\":80,\"Protocol\":\"TCP\"}]}")));
        aws.on("DescribeTargetGroups", xml(QueryXml.response("DescribeTargetGroups", ELB,
                "{\"TargetGroups\":[{\"TargetGroupName\":\"k8s-default-svcnlbip-b5e5e1e1f4\",\"TargetGroupArn\":\"arn:tg\",\"Protocol\":\"TCP\",\"Port\":8080,\"TargetType\":\"ip\"}]}")));
        aws.on("DescribeTargetHealth", xml(QueryXml.response("DescribeTargetHealth", ELB,
                "{\"TargetHealthDescriptions\":[{\"Target\":{\"Id\":\"172.30.37.39\",\"Port\":8080},\"TargetHealth\":{\"State\":\"healthy\"}},"
                        + "{\"Target\":{\"Id\":\"172.30.80.4\",\"Port\":8080},\"TargetHealth\":{\"State\":\"unhealthy\",\"Reason\":\"Target.FailedHealthChecks\",\"Description\":\"Health checks failed\"}}]}")));
        AtomicReference<Workspace> workspace = new AtomicReference<>(Workspace.defaultLocal("demo"));
        TerminalDirectory terminals = new TerminalDirectory() {
            @Override
            public List<String> names() {
                return List.of();
            }

            @Override
            public void type(String terminalName, String text, boolean pressEnter) {
            }

            @Override
            public void focus(String terminalName) {
            }

            @Override
            public List<String> recentLines(String terminalName, int maxLines) {
                return List.of();
            }
        };
        AwsWorkbench bench = new AwsWorkbench(settings -> aws.clients(), Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }), workspace::updateAndGet, terminals);
        stage.setScene(new Scene(bench.node(), 1380, 860));
        stage.setTitle("AWS pane demo");
        stage.show();
        int tab = getParameters().getRaw().isEmpty() ? 0 : Integer.parseInt(getParameters().getRaw().get(0));
        Platform.runLater(() -> {
            bench.account().checkIdentity();
            TabPane tabs = (TabPane) bench.node().lookup(".tab-pane");
            tabs.getSelectionModel().select(tab);
            bench.costGuard().clusterNameProperty().set("ejpark.link");
            bench.costGuard().refresh();
        });
    }
}
