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
 * under Xvfb: {@code java … io.labbench.app.aws.AwsPaneDemo$Main [tab index] [exit|myaddress]}. Not a test.
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
        aws.on("DescribeKeyPairs", xml("<DescribeKeyPairsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><keySet>"
                + "<item><keyName>kp-study</keyName></item></keySet></DescribeKeyPairsResponse>"));
        AwsWorkbench bench = new AwsWorkbench(settings -> aws.clients(), Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }), workspace::updateAndGet, terminals, checkip(), TargetTraffic.onAws());
        stage.setScene(new Scene(bench.node(), 1380, 860));
        stage.setTitle("AWS pane demo");
        stage.show();
        List<String> args = getParameters().getRaw();
        int tab = args.isEmpty() ? 0 : Integer.parseInt(args.get(0));
        String then = args.size() > 1 ? args.get(1) : "";
        Platform.runLater(() -> {
            bench.account().checkIdentity();
            TabPane tabs = (TabPane) bench.node().lookup(".tab-pane");
            tabs.getSelectionModel().select(tab);
            bench.costGuard().clusterNameProperty().set("ejpark.link");
            bench.costGuard().refresh();
            if (then.equals("exit")) {
                // The warning the main window's close path shows, once the cost guard has found what runs.
                bench.costGuard().resources().addListener((javafx.collections.ListChangeListener<io.labbench.aws.cost.RunningResource>) c ->
                        Platform.runLater(() -> bench.mayExit(stage, () -> { })));
            } else if (then.equals("myaddress")) {
                loadTemplateAndUseMyAddress(bench);
            }
        });
    }

    /** Loads the test template from a file and presses "Use my address" (answered by a loopback checkip). */
    private static void loadTemplateAndUseMyAddress(AwsWorkbench bench) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("kops-oneclick", ".yaml");
            java.nio.file.Files.writeString(file, resource("cfn/kops-oneclick-like.yaml"));
            ((javafx.scene.control.TextField) bench.node().lookup("#stack-template-source")).setText(file.toString());
            ((javafx.scene.control.Button) bench.node().lookup("#stack-template-load")).fire();
            new Thread(() -> {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    return;
                }
                Platform.runLater(() -> ((javafx.scene.control.Button) bench.node().lookup("#use-my-address")).fire());
            }).start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static io.labbench.aws.net.PublicAddressLookup checkip() {
        try {
            com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] answer = "198.51.100.23\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return new io.labbench.aws.net.PublicAddressLookup(java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
                    java.time.Duration.ofSeconds(5));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
