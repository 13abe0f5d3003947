package io.labbench.app.aws;

import static io.labbench.aws.testing.FakeAwsEndpoint.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.labbench.app.ui.SceneSnapshot;
import io.labbench.aws.net.PublicAddressLookup;
import io.labbench.aws.testing.FakeAwsEndpoint;
import io.labbench.aws.testing.QueryXml;
import io.labbench.locallab.TestLabs;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.nlb.CountingPod;
import io.labbench.locallab.nlb.LoopbackHaproxy;
import io.labbench.locallab.nlb.NlbTraffic;
import io.labbench.sessions.workspace.Workspace;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Load balancers tab as the learner sees it on the local backend, without root: ELBv2 answers in
 * AWS's wire format from a local endpoint, and the NLB's data plane is a real HAProxy on loopback with
 * the lab's configuration shape (a {@code tg-<port>} backend whose servers are named {@code id:port},
 * its runtime socket where the lab keeps it). The tab polls by itself: target health changes and the
 * connection histogram follows requests sent through HAProxy, with nobody pressing Refresh.
 */
@ExtendWith(ApplicationExtension.class)
class LoadBalancersTabUiTest {

    private static final String ELB = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    private static final String NAME = "k8s-default-svcnlbip-53cb8f2a35";
    private static final String NLB_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/" + NAME + "/6c3f0a1b2c3d4e5f";
    private static final String TG_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/k8s-default-svcnlbip-b5e5e1e1f4/0a1b2c3d4e5f6a7b";

    @TempDir
    static Path stateRoot;
    private final FakeAwsEndpoint aws = new FakeAwsEndpoint();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private CountingPod podA;
    private CountingPod podB;
    private int listenerPort;
    private LoopbackHaproxy haproxy;
    private AwsWorkbench bench;

    @Start
    void start(Stage stage) throws IOException {
        assumeTrue(LoopbackHaproxy.installed(), "HAProxy (Debian haproxy) is not installed");
        podA = new CountingPod();
        podB = new CountingPod();
        try (ServerSocket s = new ServerSocket(0)) {
            listenerPort = s.getLocalPort();
        }
        LabSettings lab = TestLabs.settings(stateRoot.resolve("state"));
        Path dir = NlbTraffic.directory(lab).resolve(NAME);
        Files.createDirectories(dir);
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, "global\n    stats socket " + dir.resolve("haproxy.sock") + " mode 600 level admin\n"
                + "defaults\n    mode tcp\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n"
                + "frontend listener-" + listenerPort + "\n    bind 127.0.0.1:" + listenerPort + "\n    default_backend tg-" + listenerPort + "\n"
                + "backend tg-" + listenerPort + "\n    balance roundrobin\n    default-server inter 400ms rise 3 fall 3\n"
                + "    server " + podA.target() + " " + podA.target() + " check\n"
                + "    server " + podB.target() + " " + podB.target() + " check\n");
        haproxy = LoopbackHaproxy.start(config);
        nlb("initial", "Elb.RegistrationInProgress", "Target registration is in progress");

        AtomicReference<Workspace> workspace = new AtomicReference<>(Workspace.defaultLocal("pkos"));
        bench = new AwsWorkbench(settings -> aws.clients(), executor, workspace::updateAndGet, new AwsTabViewModelsTest.RecordingTerminals(),
                new PublicAddressLookup(URI.create("http://127.0.0.1:9/"), Duration.ofSeconds(1)), new LocalLabTargetTraffic(lab));
        stage.setScene(new Scene(bench.node(), 1300, 900));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        if (bench != null) {
            bench.close();
        }
        if (haproxy != null) {
            haproxy.close();
        }
        for (CountingPod pod : new CountingPod[] {podA, podB}) {
            if (pod != null) {
                pod.close();
            }
        }
        executor.shutdownNow();
        aws.close();
    }

    /** ELBv2's answers for the NLB; the second target in {@code state}. */
    private void nlb(String state, String reason, String description) {
        aws.on("DescribeLoadBalancers", xml(QueryXml.response("DescribeLoadBalancers", ELB,
                "{\"LoadBalancers\":[{\"LoadBalancerName\":\"" + NAME + "\",\"Type\":\"network\",\"Scheme\":\"internet-facing\","
                        + "\"LoadBalancerArn\":\"" + NLB_ARN + "\",\"VpcId\":\"vpc-0a1b2c3d\","
                        + "\"AvailabilityZones\":[{\"ZoneName\":\"us-east-1a\",\"SubnetId\":\"subnet-0a\",\"LoadBalancerAddresses\":[{\"PrivateIPv4Address\":\"172.30.40.10\"}]},"
                        + "{\"ZoneName\":\"us-east-1c\",\"SubnetId\":\"subnet-0c\",\"LoadBalancerAddresses\":[{\"PrivateIPv4Address\":\"172.30.70.10\"}]}],"
                        + "\"DNSName\":\"" + NAME + "-6c3f0a1b2c3d4e5f.elb.us-east-1.amazonaws.com\",\"State\":{\"Code\":\"active\"}}]}")));
        aws.on("DescribeListeners", xml(QueryXml.response("DescribeListeners", ELB, "{\"Listeners\":[{\"Port\":" + listenerPort
                + ",\"Protocol\":\"TCP\",\"DefaultActions\":[{\"Type\":\"forward\",\"TargetGroupArn\":\"" + TG_ARN + "\"}]}]}")));
        aws.on("DescribeTargetGroups", xml(QueryXml.response("DescribeTargetGroups", ELB,
                "{\"TargetGroups\":[{\"TargetGroupName\":\"k8s-default-svcnlbip-b5e5e1e1f4\",\"TargetGroupArn\":\"" + TG_ARN
                        + "\",\"Protocol\":\"TCP\",\"Port\":8080,\"TargetType\":\"ip\"}]}")));
        aws.on("DescribeTargetHealth", xml(QueryXml.response("DescribeTargetHealth", ELB,
                "{\"TargetHealthDescriptions\":[{\"Target\":{\"Id\":\"127.0.0.1\",\"Port\":" + podA.port()
                        + "},\"TargetHealth\":{\"State\":\"healthy\"}},{\"Target\":{\"Id\":\"127.0.0.1\",\"Port\":" + podB.port()
                        + "},\"TargetHealth\":{\"State\":\"" + state + "\"" + (reason.isEmpty() ? "" : ",\"Reason\":\"" + reason
                        + "\",\"Description\":\"" + description + "\"") + "}}]}")));
    }

    @Test
    void theTabShowsTheNlbItsLiveTargetHealthAndTheConnectionsEachTargetTook(FxRobot robot) throws Exception {
        robot.clickOn("Load balancers");
        waitFor(() -> table(robot, "#lb-targets").getItems().size() == 2);
        assertThat(table(robot, "#lb-table").getItems()).singleElement()
                .satisfies(lb -> assertThat(lb.toString()).contains(NAME).contains("internet-facing").contains("172.30.40.10"));
        assertThat(cellTexts(robot, "#lb-table")).contains(NAME, "internet-facing", "network", "active",
                "us-east-1a 172.30.40.10, us-east-1c 172.30.70.10");
        assertThat(cellTexts(robot, "#lb-target-groups")).contains("k8s-default-svcnlbip-b5e5e1e1f4", "ip", "TCP:8080", String.valueOf(listenerPort));
        assertThat(cellTexts(robot, "#lb-targets")).contains(podA.target(), "healthy", podB.target(), "initial",
                "Elb.RegistrationInProgress: Target registration is in progress");

        // ELBv2 changes its answer; the tab follows on its own
        nlb("draining", "Target.DeregistrationInProgress", "Target deregistration is in progress");
        waitFor(() -> cellTexts(robot, "#lb-targets").contains("draining"));
        assertThat(cellTexts(robot, "#lb-targets")).contains("Target.DeregistrationInProgress: Target deregistration is in progress");

        // requests through the data plane: the histogram counts exactly what each target answered
        LoopbackHaproxy.awaitAnswer(listener());
        // the first connection is seen before Reset, so the count below starts from a known reading
        waitFor(() -> robot.lookup("#lb-traffic-note").queryAs(Label.class).getText().startsWith("1 connection over"));
        robot.clickOn("#lb-traffic-reset");
        int beforeA = podA.hits();
        int beforeB = podB.hits();
        for (int i = 0; i < 10; i++) {
            LoopbackHaproxy.get(listener());
        }
        int tookA = podA.hits() - beforeA;
        int tookB = podB.hits() - beforeB;
        assertThat(tookA + tookB).isEqualTo(10);
        waitFor(() -> bars(robot).contains(podA.target() + " " + tookA + " connection") && bars(robot).contains(podB.target() + " " + tookB + " connection"));
        assertThat(robot.lookup("#lb-traffic-note").queryAs(Label.class).getText()).startsWith("10 connections over 2 target(s)");
        // from this machine the lab's NLB does not answer: the tab sends the learner to kops-ec2 instead
        assertThat(robot.lookup("#lb-test-instead").queryAs(Label.class).getText()).contains("kops-ec2").contains("uniq -c");
        assertThat(robot.lookup("#lb-test-run").tryQuery()).isEmpty();

        SceneSnapshot.save(robot.lookup("#lb-targets").query(), Path.of("target/load-balancers-tab.png"));
    }

    private InetSocketAddress listener() {
        return new InetSocketAddress("127.0.0.1", listenerPort);
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static TableView<Object> table(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TableView.class);
    }

    /** Every cell text the table draws now (what the learner reads). */
    private static List<String> cellTexts(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TableView.class).lookupAll(".table-cell").stream()
                .map(n -> ((javafx.scene.control.TableCell<?, ?>) n).getText()).filter(t -> t != null && !t.isEmpty()).toList();
    }

    /** The histogram's rows as "target count unit". */
    private static String bars(FxRobot robot) {
        VBox box = robot.lookup("#lb-traffic").queryAs(VBox.class);
        StringBuilder out = new StringBuilder();
        for (Node row : box.getChildren()) {
            List<Node> parts = ((HBox) row).getChildren();
            out.append(((Label) parts.get(0)).getText()).append(' ').append(((Label) parts.get(2)).getText().replaceAll("\\s+\\(.*", "")).append('\n');
        }
        return out.toString();
    }
}
