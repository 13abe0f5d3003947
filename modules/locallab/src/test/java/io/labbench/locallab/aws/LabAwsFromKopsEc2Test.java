package io.labbench.locallab.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.KopsEc2Shell;
import io.labbench.locallab.LabStatus;
import io.labbench.locallab.TestLabs;
import io.labbench.locallab.daemon.LabDaemonLauncher;
import io.labbench.locallab.net.ProcessRunner;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's {@code aws} and {@code kops} lines typed in kops-ec2 over the lab's SSH, against a lab
 * running as its daemon (as {@code labbench lab up} and the app run it): the real AWS CLI's output
 * carries the lab's own values, and kops edits, updates and re-rolls the lab.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabAwsFromKopsEc2Test {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path stateRoot;
    private LabSettings settings;
    private LabStatus status;

    @BeforeAll
    void up() throws Exception {
        settings = TestLabs.settings(stateRoot);
        status = LabDaemonLauncher.start(settings, (d, t, m) -> { }, Duration.ofSeconds(120));
    }

    @AfterAll
    void down() throws Exception {
        LabDaemonLauncher.stop(settings, Duration.ofSeconds(60));
    }

    /** kops-ec2 as the lab's status names it now: a re-roll (the last test) brings it back on another port. */
    private KopsEc2Shell kopsEc2() {
        return new KopsEc2Shell(status);
    }

    private String kopsEc2(String command) throws Exception {
        return kopsEc2().ok(command);
    }

    private ProcessRunner.Result kopsEc2AllowingFailure(String command, String stdin) throws Exception {
        return kopsEc2().run(command, stdin);
    }

    private String nodeId(String name) {
        return status.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow().instanceId();
    }

    @Test
    @Order(1)
    void theStudysDescribeInstancesTableListsTheLabsRunningMachines() throws Exception {
        String table = kopsEc2("aws ec2 describe-instances --query \"Reservations[*].Instances[*].{PublicIPAdd:PublicIpAddress,"
                + "InstanceName:Tags[?Key=='Name']|[0].Value,Status:State.Name}\" --filters Name=instance-state-name,Values=running --output table");
        String cluster = settings.clusterName();
        assertThat(table).contains("DescribeInstances").contains("InstanceName").contains("Status");
        assertThat(table).contains("master-us-east-1a.masters." + cluster).contains("nodes-us-east-1a." + cluster)
                .contains("nodes-us-east-1c." + cluster).contains("kops-ec2");
        assertThat(table.lines().filter(l -> l.contains("running")).count()).isEqualTo(4);
        // PublicIPAdd: the Internet Gateway's 1:1 addresses, the ones `lab status` shows for each node
        status.nodes().stream().filter(n -> !n.publicIp().isEmpty())
                .forEach(n -> assertThat(table).contains(n.publicIp()));

        JsonNode all = JSON.readTree(kopsEc2("aws ec2 describe-instances --output json"));
        List<String> ids = new ArrayList<>();
        all.path("Reservations").forEach(r -> r.path("Instances").forEach(i -> ids.add(i.path("InstanceId").asText()
                + " " + i.path("PrivateIpAddress").asText() + " " + i.path("InstanceType").asText())));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(status.nodes().stream()
                .map(n -> n.instanceId() + " " + n.ip() + " " + n.instanceType()).toList());
    }

    @Test
    @Order(2)
    void podIpsAreSecondaryIpsOfTheNodesEnis() throws Exception {
        kopsEc2("kubectl apply -f ~/pkos/2/netshoot-2pods.yaml");
        String pods = "";
        for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); System.nanoTime() < deadline; Thread.sleep(500)) {
            pods = kopsEc2("kubectl get pod -o jsonpath='{range .items[*]}{.status.podIP} {.spec.nodeName}{\"\\n\"}{end}'");
            if (pods.lines().filter(l -> l.matches("\\S+ \\S+")).count() == 2) {
                break;
            }
        }
        JsonNode enis = JSON.readTree(kopsEc2("aws ec2 describe-network-interfaces"));
        Set<String> secondaryByNode = new HashSet<>();
        enis.path("NetworkInterfaces").forEach(eni -> eni.path("PrivateIpAddresses").forEach(a -> {
            if (!a.path("Primary").asBoolean()) {
                secondaryByNode.add(a.path("PrivateIpAddress").asText() + " " + eni.path("Attachment").path("InstanceId").asText());
            }
        }));
        assertThat(pods.lines().filter(l -> !l.isBlank()).toList()).isNotEmpty().allSatisfy(p -> assertThat(secondaryByNode).contains(p));
        assertThat(enis.path("NetworkInterfaces").findValuesAsText("NetworkInterfaceId")).allMatch(id -> id.matches("eni-0[0-9a-f]{16}"));
    }

    @Test
    @Order(3)
    void callerIdentityBucketAndStackAreTheLabs() throws Exception {
        JsonNode identity = JSON.readTree(kopsEc2("aws sts get-caller-identity"));
        assertThat(identity.path("Account").asText()).matches("\\d{12}");
        assertThat(identity.path("Arn").asText()).isEqualTo("arn:aws:iam::" + identity.path("Account").asText() + ":user/labbench-" + settings.prefix());
        assertThat(kopsEc2("echo $(aws sts get-caller-identity --query 'Account' --output text)").strip()).isEqualTo(identity.path("Account").asText());

        assertThat(kopsEc2("aws s3 ls")).containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d labbench-" + settings.prefix() + "-kops-state");
        assertThat(kopsEc2("aws s3 cp $KOPS_STATE_STORE/$KOPS_CLUSTER_NAME/config -")).contains("kind: Cluster")
                .contains("configBase: s3://labbench-" + settings.prefix() + "-kops-state/" + settings.clusterName());

        JsonNode stack = JSON.readTree(kopsEc2("aws cloudformation describe-stacks")).path("Stacks").get(0);
        assertThat(stack.path("StackName").asText()).isEqualTo("mykops");
        assertThat(stack.path("StackStatus").asText()).isEqualTo("CREATE_COMPLETE");
        assertThat(stack.path("Outputs").get(0).path("OutputValue").asText()).isEqualTo("172.30.32.10");
    }

    @Test
    @Order(4)
    void unsignedAndForeignlySignedRequestsAreRefused() throws Exception {
        Properties endpoint = new Properties();
        try (Reader in = Files.newBufferedReader(LabAws.endpointFile(settings))) {
            endpoint.load(in);
        }
        String url = endpoint.getProperty("endpoint");
        ProcessRunner.Result unsigned = kopsEc2AllowingFailure("/usr/bin/aws --endpoint-url " + url + " --region us-east-1 --no-sign-request sts get-caller-identity", "");
        assertThat(unsigned.exitCode()).isNotZero();
        assertThat(unsigned.stderr()).contains("MissingAuthenticationToken");
        ProcessRunner.Result foreign = kopsEc2AllowingFailure("AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY "
                + "AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null /usr/bin/aws --endpoint-url " + url
                + " --region us-east-1 ec2 describe-instances", "");
        assertThat(foreign.exitCode()).isNotZero();
        assertThat(foreign.stderr()).contains("AuthFailure");
    }

    @Test
    @Order(5)
    void kopsValidateReportsTheNodesReadyAndABadEditChangesNothing() throws Exception {
        String validate = kopsEc2("kops validate cluster --wait 1m");
        assertThat(validate).contains("Validating cluster " + settings.clusterName()).contains("INSTANCE GROUPS").contains("NODE STATUS")
                .containsPattern(nodeId("worker1") + "\\s+node\\s+True").containsPattern(nodeId("master") + "\\s+master\\s+True")
                .contains("Your cluster " + settings.clusterName() + " is ready");

        String before = kopsEc2("kops get ig -o yaml");
        kopsEc2AllowingFailure("cat > ~/bad-editor && chmod +x ~/bad-editor", "#!/bin/sh\nsed -i 's/^  machineType: t3.medium$/  machineType: t3.mediumm/' \"$1\"\n");
        ProcessRunner.Result bad = kopsEc2AllowingFailure("EDITOR=~/bad-editor kops edit ig nodes-us-east-1a", "");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("spec.machineType: Invalid value: \"t3.mediumm\"").contains("no valid changes were saved");
        assertThat(kopsEc2("kops get ig -o yaml")).isEqualTo(before);
        assertThat(kopsEc2("kops update cluster")).contains("No changes need to be applied");
    }

    @Test
    @Order(6)
    void editIgMaxPodsUpdateAndRollingUpdateGiveNodesWithTheNewPodsAllocatable() throws Exception {
        kopsEc2AllowingFailure("cat > ~/maxpods-editor && chmod +x ~/maxpods-editor",
                "#!/bin/sh\nsed -i 's/^  maxSize: 1$/  kubelet:\\n    maxPods: 50\\n  maxSize: 1/' \"$1\"\n");
        ProcessRunner.Result edit = kopsEc2AllowingFailure("EDITOR=~/maxpods-editor kops edit ig nodes-us-east-1a", "");
        assertThat(edit.exitCode()).as(edit.stderr()).isZero();
        assertThat(kopsEc2("kops get ig nodes-us-east-1c -o yaml")).contains("maxPods: 50");
        String update = kopsEc2("kops update cluster --yes");
        assertThat(update).contains("Cluster changes have been applied to the cloud");
        assertThat(kopsEc2("kops rolling-update cluster")).containsPattern("nodes-us-east-1a\\s+NeedsUpdate").contains("Must specify --yes");

        long oldPid = status.pid();
        ProcessRunner.Result roll = kopsEc2AllowingFailure("kops rolling-update cluster --yes", "");
        assertThat(roll.stdout()).contains("Stopping instance \"" + nodeId("worker1") + "\"");
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        LabStatus next = LabDaemonLauncher.status(settings);
        while ((!next.running() || next.pid() == oldPid) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            next = LabDaemonLauncher.status(settings);
        }
        assertThat(next.running()).as("the re-rolled lab is up; log: " + stateRoot.resolve(settings.prefix() + "-reroll.log")).isTrue();
        assertThat(next.pid()).isNotEqualTo(oldPid);
        status = next;

        String describe = kopsEc2("kubectl describe node -l node-role.kubernetes.io/node");
        assertThat(describe.split("Allocatable:")).hasSize(3);
        assertThat(describe).containsPattern("Allocatable:(?s:(?!Allocatable).)*pods:\\s+50\\b");
        assertThat(kopsEc2("kops validate cluster --wait 1m")).contains("is ready");
        assertThat(kopsEc2("kops get ig nodes-us-east-1a -o yaml")).contains("maxPods: 50");
    }
}
