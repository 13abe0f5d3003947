package io.labbench.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labbench.localaws.state.LabCloud;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's {@code aws elbv2 describe-*} lines with the real AWS CLI against the endpoint: an NLB as
 * the lab's controller records it, its listeners, target group and target health, and the errors AWS
 * gives for names and ARNs that do not exist.
 */
class Elbv2CliTest {

    private static final Path CLI = Path.of("/usr/bin/aws");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SampleCloud cloud = new SampleCloud();
    private final LabCredentials credentials = LabCredentials.generate();
    private LocalAwsEndpoint endpoint;
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CLI), "the AWS CLI (Debian awscli) is not installed");
        endpoint = LocalAwsEndpoint.start(cloud, credentials);
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    private Run aws(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(CLI.toString(), "--endpoint-url", endpoint.uri().toString(), "--region", "us-east-1",
                "--output", "json"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_PAGER", "");
        Process p = pb.start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static final String LB_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/k8s-default-svcnlbip-1a2b3c4d5e/0123456789abcdef";
    private static final String TG_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/k8s-default-svcnlbip-9f8e7d6c5b/fedcba9876543210";

    private void nlb() {
        cloud.elbv2.put(new io.labbench.localaws.state.Elbv2State.Entry(new LabCloud.LoadBalancer("k8s-default-svcnlbip-1a2b3c4d5e", LB_ARN,
                "k8s-default-svcnlbip-1a2b3c4d5e-0011223344556677.elb.us-east-1.amazonaws.com", "network", "internet-facing", "active",
                "vpc-0bbb", List.of(new LabCloud.ZoneAddress("us-east-1a", "subnet-0aaa", "172.30.40.7"),
                        new LabCloud.ZoneAddress("us-east-1c", "subnet-0ccc", "172.30.70.9")), java.time.Instant.parse("2026-01-01T00:00:00Z")),
                List.of(new LabCloud.Listener(LB_ARN.replace(":loadbalancer/", ":listener/") + "/aaaabbbbccccdddd", LB_ARN, 443, "TLS",
                        java.util.Optional.of("arn:aws:acm:us-east-1:123456789012:certificate/abc"), TG_ARN)),
                List.of(new LabCloud.TargetGroup(TG_ARN, "k8s-default-svcnlbip-9f8e7d6c5b", "TCP", 8080, "ip", "vpc-0bbb", LB_ARN,
                        new LabCloud.HealthCheck("TCP", "8080", "", 10, 10, 3, 3)))));
        cloud.elbv2.setTargets(TG_ARN, List.of(
                new LabCloud.TargetHealth(TG_ARN, "172.30.45.9", 8080, "us-east-1a", "healthy", "", ""),
                new LabCloud.TargetHealth(TG_ARN, "172.30.80.3", 8080, "us-east-1c", "initial", "Elb.RegistrationInProgress",
                        "Target registration is in progress")));
    }

    @Test
    void describeCallsShowTheNlbItsListenerTargetGroupAndTargetHealth() throws Exception {
        assertThat(aws("elbv2", "describe-load-balancers").json().path("LoadBalancers").size()).isZero();
        nlb();
        JsonNode lb = aws("elbv2", "describe-load-balancers", "--names", "k8s-default-svcnlbip-1a2b3c4d5e").json().path("LoadBalancers").get(0);
        assertThat(lb.path("DNSName").asText()).isEqualTo("k8s-default-svcnlbip-1a2b3c4d5e-0011223344556677.elb.us-east-1.amazonaws.com");
        assertThat(lb.path("Type").asText()).isEqualTo("network");
        assertThat(lb.path("State").path("Code").asText()).isEqualTo("active");
        assertThat(lb.path("CanonicalHostedZoneId").asText()).isEqualTo("Z26RNL4JYFTOTI");
        assertThat(lb.path("AvailabilityZones").findValuesAsText("PrivateIPv4Address")).containsExactly("172.30.40.7", "172.30.70.9");
        // the study's query for $NLB
        assertThat(aws("elbv2", "describe-load-balancers", "--query", "LoadBalancers[*].DNSName", "--output", "text").out().strip())
                .isEqualTo("k8s-default-svcnlbip-1a2b3c4d5e-0011223344556677.elb.us-east-1.amazonaws.com");

        JsonNode listener = aws("elbv2", "describe-listeners", "--load-balancer-arn", LB_ARN).json().path("Listeners").get(0);
        assertThat(listener.path("Port").asInt()).isEqualTo(443);
        assertThat(listener.path("Protocol").asText()).isEqualTo("TLS");
        assertThat(listener.path("Certificates").get(0).path("CertificateArn").asText()).endsWith(":certificate/abc");
        assertThat(listener.path("DefaultActions").get(0).path("TargetGroupArn").asText()).isEqualTo(TG_ARN);

        JsonNode tg = aws("elbv2", "describe-target-groups", "--load-balancer-arn", LB_ARN).json().path("TargetGroups").get(0);
        assertThat(tg.path("TargetType").asText()).isEqualTo("ip");
        assertThat(tg.path("HealthCheckPort").asText()).isEqualTo("8080");
        assertThat(tg.path("HealthyThresholdCount").asInt()).isEqualTo(3);
        assertThat(tg.path("LoadBalancerArns").get(0).asText()).isEqualTo(LB_ARN);
        assertThat(tg.has("HealthCheckPath")).as("a TCP check has no path on AWS: " + tg).isFalse();

        JsonNode health = aws("elbv2", "describe-target-health", "--target-group-arn", TG_ARN).json().path("TargetHealthDescriptions");
        assertThat(health.size()).isEqualTo(2);
        assertThat(health.get(0).path("Target").path("Id").asText()).isEqualTo("172.30.45.9");
        assertThat(health.get(0).path("TargetHealth").path("State").asText()).isEqualTo("healthy");
        assertThat(health.get(1).path("TargetHealth").path("Reason").asText()).isEqualTo("Elb.RegistrationInProgress");
        assertThat(health.get(1).path("HealthCheckPort").asText()).isEqualTo("8080");
    }

    @Test
    void unknownNamesAndArnsGetAwsErrors() throws Exception {
        Run lb = aws("elbv2", "describe-load-balancers", "--names", "nope");
        assertThat(lb.exit()).isNotZero();
        assertThat(lb.err()).contains("LoadBalancerNotFound").contains("nope");
        Run tg = aws("elbv2", "describe-target-health", "--target-group-arn", TG_ARN);
        assertThat(tg.exit()).isNotZero();
        assertThat(tg.err()).contains("TargetGroupNotFound");
    }

    @Test
    void anHttpCheckOfAnInstanceGroupShowsItsPathAndMatcherAsAwsDoes() throws Exception {
        String lbArn = LB_ARN.replace("svcnlbip", "svcnlbin");
        String tgArn = TG_ARN.replace("svcnlbip", "svcnlbin");
        cloud.elbv2.put(new io.labbench.localaws.state.Elbv2State.Entry(new LabCloud.LoadBalancer("k8s-default-svcnlbin-1a2b3c4d5e", lbArn,
                "k8s-default-svcnlbin-1a2b3c4d5e-0011223344556677.elb.us-east-1.amazonaws.com", "network", "internet-facing", "active",
                "vpc-0bbb", List.of(new LabCloud.ZoneAddress("us-east-1a", "subnet-0aaa", "172.30.40.8")), java.time.Instant.parse("2026-01-01T00:00:00Z")),
                List.of(new LabCloud.Listener(lbArn.replace(":loadbalancer/", ":listener/") + "/aaaabbbbccccdddd", lbArn, 80, "TCP",
                        java.util.Optional.empty(), tgArn)),
                // the controller's check for externalTrafficPolicy: Local: HTTP /healthz on the Service's healthCheckNodePort
                List.of(new LabCloud.TargetGroup(tgArn, "k8s-default-svcnlbin-9f8e7d6c5b", "TCP", 31245, "instance", "vpc-0bbb", lbArn,
                        new LabCloud.HealthCheck("HTTP", "32100", "/healthz", 10, 6, 2, 2)))));
        JsonNode tg = aws("elbv2", "describe-target-groups", "--load-balancer-arn", lbArn).json().path("TargetGroups").get(0);
        assertThat(tg.path("HealthCheckProtocol").asText()).isEqualTo("HTTP");
        assertThat(tg.path("HealthCheckPort").asText()).isEqualTo("32100");
        assertThat(tg.path("HealthCheckPath").asText()).isEqualTo("/healthz");
        assertThat(tg.path("Matcher").path("HttpCode").asText()).isEqualTo("200-399");
        assertThat(aws("elbv2", "describe-target-groups", "--query", "TargetGroups[?TargetType=='instance'].HealthCheckPath", "--output", "text")
                .out().strip()).isEqualTo("/healthz");
    }
}
