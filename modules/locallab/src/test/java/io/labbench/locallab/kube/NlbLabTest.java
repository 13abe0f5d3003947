package io.labbench.locallab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labbench.locallab.LabSettings;
import io.labbench.locallab.LocalLab;
import io.labbench.locallab.LocalLabProgress;
import io.labbench.locallab.TestLabs;
import io.labbench.locallab.net.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Section 2.6 on a real lab: the study's echo-service manifest gets an NLB that answers {@code curl}
 * from kops-ec2, spreads the study's 100-curl loop over the pods, registers a third pod when scaled,
 * shows its targets healthy to the real {@code aws elbv2 describe-target-health}, and a bad
 * annotation gets the controller's Warning event and no load balancer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NlbLabTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HOSTNAME = Pattern.compile("(?m)^Hostname: (\\S+)");

    @TempDir
    static Path stateRoot;
    private LabSettings settings;
    private LocalLab lab;
    private Kubectl kubectl;
    private Path manifests;
    private String nlbHost;

    @BeforeAll
    void up() throws Exception {
        settings = TestLabs.settings(stateRoot);
        lab = new LocalLab(settings);
        lab.up(LocalLabProgress.none());
        kubectl = new Kubectl(settings.kubeconfig(), Files.createDirectories(stateRoot.resolve("home")));
        manifests = Files.createDirectories(stateRoot.resolve("manifests"));
    }

    @AfterAll
    void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    private ProcessRunner.Result inKopsEc2(String script) throws Exception {
        return ProcessRunner.runAllowingFailure(List.of("nsenter", "--net=/run/netns/" + settings.prefix() + "-kops-ec2",
                "sh", "-c", script), "");
    }

    private String aws(String args) throws Exception {
        ProcessRunner.Result r = inKopsEc2(settings.labDir().resolve("bin-kops-ec2/aws") + " " + args);
        assertThat(r.exitCode()).as("aws " + args + ": " + r.stderr()).isZero();
        return r.stdout();
    }

    private String awaitAws(String args, Predicate<JsonNode> done) throws Exception {
        String last = "";
        for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); System.nanoTime() < deadline; Thread.sleep(500)) {
            last = aws(args);
            if (done.test(JSON.readTree(last))) {
                return last;
            }
        }
        throw new AssertionError("aws " + args + " never showed what was expected; last output:\n" + last);
    }

    /** The study's loop: 100 curls to the NLB, Hostname counted per pod. */
    private Map<String, Integer> hundredCurls(String target) throws Exception {
        ProcessRunner.Result r = inKopsEc2("for i in $(seq 1 100); do curl -s --max-time 3 " + target + " | grep Hostname; done");
        Map<String, Integer> counts = new TreeMap<>();
        Matcher m = HOSTNAME.matcher(r.stdout());
        while (m.find()) {
            counts.merge(m.group(1), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    @Order(1)
    void theStudysEchoServiceGetsAnNlbThatAnswersCurlFromKopsEc2() throws Exception {
        Path manifest = StudyManifests.file(manifests, "echo-service-nlb.yaml");
        kubectl.ok("apply", "-f", manifest.toString());
        String svc = kubectl.await(out -> out.contains(".elb.us-east-1.amazonaws.com"), "get", "svc", "svc-nlb-ip-type", "--no-headers");
        Matcher name = Pattern.compile("(k8s-default-svcnlbip-[0-9a-f]{10})-[0-9a-f]{16}\\.elb\\.us-east-1\\.amazonaws\\.com").matcher(svc);
        assertThat(name.find()).as(svc).isTrue();
        nlbHost = name.group(0);
        kubectl.await(out -> out.lines().filter(l -> l.contains("1/1") && l.contains("Running")).count() == 2,
                "get", "pod", "-l", "app=deploy-websrv", "--no-headers");

        JsonNode lbs = JSON.readTree(aws("elbv2 describe-load-balancers"));
        JsonNode lb = lbs.path("LoadBalancers").path(0);
        assertThat(lb.path("LoadBalancerName").asText()).isEqualTo(name.group(1));
        assertThat(lb.path("DNSName").asText()).isEqualTo(nlbHost);
        assertThat(lb.path("Type").asText()).isEqualTo("network");
        assertThat(lb.path("Scheme").asText()).isEqualTo("internet-facing");
        assertThat(lb.path("AvailabilityZones").findValuesAsText("ZoneName")).containsExactly("us-east-1a", "us-east-1c");
        List<String> addresses = lb.path("AvailabilityZones").findValuesAsText("PrivateIPv4Address");
        assertThat(addresses).hasSize(2);

        String address = addresses.get(0);
        String reply = "";
        for (long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos(); System.nanoTime() < deadline; Thread.sleep(300)) {
            reply = inKopsEc2("curl -s --max-time 3 " + address).stdout();
            if (reply.contains("Hostname:")) {
                break;
            }
        }
        assertThat(reply).contains("Hostname: deploy-echo-");
        // IP targets without PROXY protocol: the pod sees the NLB's own private address as the client
        assertThat(reply).containsPattern("client_address=(" + Pattern.quote(addresses.get(0)) + "|" + Pattern.quote(addresses.get(1)) + ")\\b");
        assertThat(inKopsEc2("curl -s --max-time 3 " + addresses.get(1)).stdout()).contains("Hostname: deploy-echo-");
    }

    @Test
    @Order(2)
    void theHundredCurlLoopSpreadsOverBothPods() throws Exception {
        String address = JSON.readTree(aws("elbv2 describe-load-balancers")).findValuesAsText("PrivateIPv4Address").get(0);
        Map<String, Integer> counts = hundredCurls(address);
        assertThat(counts).hasSize(2);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(30));
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
    }

    @Test
    @Order(3)
    void describeTargetHealthShowsThePodsHealthyOnTheAnnotatedPort() throws Exception {
        JsonNode groups = JSON.readTree(aws("elbv2 describe-target-groups"));
        JsonNode group = groups.path("TargetGroups").path(0);
        assertThat(group.path("TargetType").asText()).isEqualTo("ip");
        assertThat(group.path("HealthCheckPort").asText()).isEqualTo("8080");
        String arn = group.path("TargetGroupArn").asText();
        String health = awaitAws("elbv2 describe-target-health --target-group-arn " + arn, j ->
                j.path("TargetHealthDescriptions").size() == 2
                        && j.path("TargetHealthDescriptions").findValuesAsText("State").stream().allMatch("healthy"::equals));
        List<String> podIps = List.of(kubectl.ok("get", "pod", "-l", "app=deploy-websrv", "-o",
                "jsonpath={.items[*].status.podIP}").strip().split(" "));
        assertThat(JSON.readTree(health).findValuesAsText("Id")).containsExactlyInAnyOrderElementsOf(podIps);
    }

    @Test
    @Order(4)
    void scalingToThreeRegistersTheThirdPodAndTheLoopReachesIt() throws Exception {
        kubectl.ok("scale", "deployment", "deploy-echo", "--replicas=3");
        kubectl.await(out -> out.lines().filter(l -> l.contains("1/1") && l.contains("Running")).count() == 3,
                "get", "pod", "-l", "app=deploy-websrv", "--no-headers");
        String arn = JSON.readTree(aws("elbv2 describe-target-groups")).findValuesAsText("TargetGroupArn").get(0);
        awaitAws("elbv2 describe-target-health --target-group-arn " + arn, j -> j.path("TargetHealthDescriptions").size() == 3);
        String address = JSON.readTree(aws("elbv2 describe-load-balancers")).findValuesAsText("PrivateIPv4Address").get(0);
        Map<String, Integer> counts = hundredCurls(address);
        assertThat(counts).hasSize(3);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(20));

        kubectl.ok("scale", "deployment", "deploy-echo", "--replicas=2");
        awaitAws("elbv2 describe-target-health --target-group-arn " + arn,
                j -> j.path("TargetHealthDescriptions").findValuesAsText("State").contains("draining"));
    }

    @Test
    @Order(5)
    void anUnknownTargetTypeGetsTheControllersWarningAndNoLoadBalancer() throws Exception {
        Files.writeString(manifests.resolve("bad.yaml"), """
                apiVersion: v1
                kind: Service
                metadata:
                  name: svc-bad
                  annotations:
                    service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: pod
                spec:
                  ports:
                    - port: 80
                      targetPort: 8080
                  type: LoadBalancer
                  loadBalancerClass: service.k8s.aws/nlb
                  selector:
                    app: deploy-websrv
                """);
        kubectl.ok("apply", "-f", manifests.resolve("bad.yaml").toString());
        String events = kubectl.await(out -> out.contains("FailedBuildModel"), "get", "events",
                "--field-selector", "involvedObject.name=svc-bad");
        assertThat(events).contains("Warning").contains("aws-load-balancer-nlb-target-type").contains("unsupported target type \"pod\"");
        assertThat(kubectl.ok("get", "svc", "svc-bad", "--no-headers")).contains("<pending>");
        assertThat(JSON.readTree(aws("elbv2 describe-load-balancers")).path("LoadBalancers").size()).isEqualTo(1);
        assertThat(Files.readString(settings.labDir().resolve("nlb/aws-load-balancer-controller.log")))
                .contains("unsupported target type \\\"pod\\\"");
    }
}
