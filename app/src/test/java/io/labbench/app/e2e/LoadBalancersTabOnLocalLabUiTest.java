package io.labbench.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.labbench.app.aws.AwsWorkbench;
import io.labbench.app.aws.LocalLabAwsClients;
import io.labbench.app.aws.LocalLabTargetTraffic;
import io.labbench.app.ui.SceneSnapshot;
import io.labbench.aws.net.PublicAddressLookup;
import io.labbench.locallab.KopsEc2Shell;
import io.labbench.sessions.workspace.Workspace;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
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
 * The Load balancers tab on a real local lab (root): the study's echo service behind the lab's NLB,
 * read through the lab's own ELBv2 endpoint, its targets going healthy on screen, and the histogram
 * following the study's curl loop from kops-ec2 target by target (pod IP), counted at the NLB's
 * HAProxy. Leaves a snapshot in {@code target/load-balancers-tab-local-lab.png}.
 */
@ExtendWith(ApplicationExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadBalancersTabOnLocalLabUiTest {

    private static final Pattern HOSTNAME = Pattern.compile("(?m)^Hostname: (\\S+)");
    @TempDir
    static Path tempDir;
    private static RunningLocalLab running;
    private static KopsEc2Shell kopsEc2;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private AwsWorkbench bench;

    @BeforeAll
    static void startTheLab() throws Exception {
        assumeTrue(RunningLocalLab.isRoot(), "builds the local lab as root");
        org.testfx.api.FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
        running = RunningLocalLab.start(tempDir);
        kopsEc2 = running.kopsEc2();
    }

    @AfterAll
    void stopTheLab() throws Exception {
        if (bench != null) {
            bench.close();
        }
        executor.shutdownNow();
        if (running != null) {
            running.close();
        }
    }

    @Start
    void start(Stage stage) {
        AtomicReference<Workspace> workspace = new AtomicReference<>(Workspace.defaultLocal("pkos"));
        bench = new AwsWorkbench(new LocalLabAwsClients(running.lab.settings()), executor, workspace::updateAndGet, new NoTerminals(),
                new PublicAddressLookup(URI.create("http://127.0.0.1:9/"), Duration.ofSeconds(1)), new LocalLabTargetTraffic(running.lab.settings()));
        stage.setScene(new Scene(bench.node(), 1300, 950));
        stage.show();
    }

    @Test
    void theTabShowsTheStudysNlbItsHealthyTargetsAndTheCurlLoopPerTarget(FxRobot robot) throws Exception {
        robot.clickOn("Load balancers");
        waitFor(60, () -> robot.lookup("#lb-status").queryAs(Label.class).getText().startsWith("No load balancers yet"));

        // section 2.6 the study's way: the controller through kOps, its policy, then the echo service
        kopsEc2.ok("cat > ~/lbc-editor <<'EOF'\n#!/bin/sh\n"
                + "sed -i 's/^spec:$/spec:\\n  awsLoadBalancerController:\\n    enabled: true/' \"$1\"\nEOF\nchmod +x ~/lbc-editor");
        kopsEc2.ok("EDITOR=~/lbc-editor kops edit cluster --name ${KOPS_CLUSTER_NAME} && kops update cluster --yes");
        kopsEc2.ok("curl -s -o iam_policy.json https://raw.githubusercontent.com/kubernetes-sigs/aws-load-balancer-controller/v2.4.5/docs/install/iam_policy.json"
                + " && aws iam create-policy --policy-name AWSLoadBalancerControllerIAMPolicy --policy-document file://iam_policy.json"
                + " && ACCOUNT_ID=$(aws sts get-caller-identity --query 'Account' --output text)"
                + " && aws iam attach-role-policy --policy-arn arn:aws:iam::$ACCOUNT_ID:policy/AWSLoadBalancerControllerIAMPolicy --role-name masters.$KOPS_CLUSTER_NAME");
        kopsEc2.ok("kubectl apply -f ~/pkos/2/echo-service-nlb.yaml");

        long t0 = System.nanoTime();
        waitFor(120, () -> cells(robot, "#lb-targets").stream().filter("healthy"::equals).count() == 2);
        System.out.printf("LBTAB apply -> both targets healthy on screen: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertThat(cells(robot, "#lb-table")).anySatisfy(c -> assertThat(c).matches("k8s-default-svcnlbip-[0-9a-f]{10}"))
                .contains("internet-facing", "network", "active")
                .anySatisfy(c -> assertThat(c).matches("us-east-1a 172\\.30\\.\\d+\\.\\d+, us-east-1c 172\\.30\\.\\d+\\.\\d+"));
        Map<String, String> ipByPod = new TreeMap<>();
        for (String line : kopsEc2.ok("kubectl get pod -l app=deploy-websrv -o jsonpath='{range .items[*]}{.metadata.name} {.status.podIP}{\"\\n\"}{end}'")
                .strip().split("\n")) {
            ipByPod.put(line.split(" ")[0], line.split(" ")[1]);
        }
        assertThat(cells(robot, "#lb-targets")).containsAll(ipByPod.values().stream().map(ip -> ip + ":8080").toList());

        // the study's loop (40 here), counted by the pod that answered, against the tab's counts per pod IP
        String nlb = kopsEc2.ok("kubectl get svc svc-nlb-ip-type -o jsonpath='{.status.loadBalancer.ingress[0].hostname}'").strip();
        robot.clickOn("#lb-traffic-reset");
        WaitForAsyncUtils.waitForFxEvents();
        Map<String, Integer> answered = new TreeMap<>();
        Matcher m = HOSTNAME.matcher(kopsEc2.ok("for i in $(seq 1 40); do curl -s --max-time 3 " + nlb + " | grep Hostname; done"));
        while (m.find()) {
            answered.merge(ipByPod.get(m.group(1)) + ":8080", 1, Integer::sum);
        }
        assertThat(answered.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(40);
        System.out.println("LBTAB curl loop answered per target: " + answered);
        waitFor(20, () -> answered.entrySet().stream().allMatch(e -> bars(robot).contains(e.getKey() + " " + e.getValue() + " connection")));
        System.out.println("LBTAB histogram: " + bars(robot).replace('\n', ';'));

        SceneSnapshot.save(robot.lookup("#lb-targets").query(), Path.of("target/load-balancers-tab-local-lab.png"));
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<String> cells(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TableView.class).lookupAll(".table-cell").stream()
                .map(n -> ((TableCell<?, ?>) n).getText()).filter(t -> t != null && !t.isEmpty()).toList();
    }

    private static String bars(FxRobot robot) {
        StringBuilder out = new StringBuilder();
        for (Node row : robot.lookup("#lb-traffic").queryAs(VBox.class).getChildren()) {
            List<Node> parts = ((HBox) row).getChildren();
            out.append(((Label) parts.get(0)).getText()).append(' ').append(((Label) parts.get(2)).getText()).append('\n');
        }
        return out.toString();
    }

}
