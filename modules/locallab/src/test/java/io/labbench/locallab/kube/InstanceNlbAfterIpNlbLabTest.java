package io.labbench.locallab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.KopsEc2Shell;
import io.labbench.locallab.LocalLab;
import io.labbench.locallab.RunningTestLab;
import io.labbench.locallab.TestLabs;
import io.labbench.locallab.net.ProcessRunner;
import io.labbench.locallab.settings.LabSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The week-2 walk's order around 2.8's instance mode: an IP-mode NLB and its deployment are deleted, and
 * right after, a new deployment of the same name and an instance-mode NLB ({@code externalTrafficPolicy:
 * Local}) are applied. Once the Service shows the NLB's name and a node with a pod is healthy (what the
 * step's text waits for), the learner's 10 curls must all be answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstanceNlbAfterIpNlbLabTest {

    @TempDir
    static Path stateRoot;
    private RunningTestLab running;
    private LabSettings settings;
    private LocalLab lab;
    private Kubectl kubectl;
    private KopsEc2Shell kopsEc2;
    private Path manifests;

    /** The manifest the lab's step applies (the app's asset, which kops-ec2 finds in ~/pkos/2; see StudyFilesTest). */
    private static final Path INSTANCE_NLB = Path.of("../../assets/manifests/echo-service-nlb-instance.yaml");

    @BeforeAll
    void up() throws Exception {
        running = RunningTestLab.up(stateRoot);
        settings = running.settings();
        lab = running.lab();
        kubectl = running.kubectl();
        kopsEc2 = running.kopsEc2();
        manifests = running.manifests();
    }

    @AfterAll
    void down() throws Exception {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void tenCurlsThroughAnInstanceNlbMadeRightAfterAnIpNlbWasDeletedAreAllAnswered() throws Exception {
        kopsEc2.ok("cat > ~/lbc-editor <<'EOF'\n#!/bin/sh\n"
                + "sed -i 's/^spec:$/spec:\\n  certManager:\\n    enabled: true\\n  awsLoadBalancerController:\\n    enabled: true/' \"$1\"\nEOF\n"
                + "chmod +x ~/lbc-editor");
        kopsEc2.ok("EDITOR=~/lbc-editor kops edit cluster --name ${KOPS_CLUSTER_NAME} && kops update cluster --yes");
        kopsEc2.ok("curl -s -o iam_policy.json https://raw.githubusercontent.com/kubernetes-sigs/aws-load-balancer-controller/v2.4.5/docs/install/iam_policy.json"
                + " && aws iam create-policy --policy-name AWSLoadBalancerControllerIAMPolicy --policy-document file://iam_policy.json");
        kopsEc2.ok("ACCOUNT_ID=$(aws sts get-caller-identity --query 'Account' --output text)"
                + " && aws iam attach-role-policy --policy-arn arn:aws:iam::$ACCOUNT_ID:policy/AWSLoadBalancerControllerIAMPolicy --role-name masters.$KOPS_CLUSTER_NAME"
                + " && aws iam attach-role-policy --policy-arn arn:aws:iam::$ACCOUNT_ID:policy/AWSLoadBalancerControllerIAMPolicy --role-name nodes.$KOPS_CLUSTER_NAME");

        // the IP-mode NLB the walk curls before (2.6 … homework 4), answered by its name
        kubectl.ok("apply", "-f", StudyManifests.file(manifests, "echo-service-nlb.yaml").toString());
        kubectl.await(out -> out.contains(".elb.us-east-1.amazonaws.com"), "get", "svc", "svc-nlb-ip-type", "--no-headers");
        String ipReply = kopsEc2.awaitOutput("curl -s --max-time 3 $(kubectl get svc svc-nlb-ip-type -o jsonpath={.status.loadBalancer.ingress[0].hostname})",
                "Hostname: deploy-echo-", Duration.ofSeconds(60));
        assertThat(ipReply).contains("Hostname: deploy-echo-");
        kopsEc2.ok("for i in $(seq 1 20); do curl -s --max-time 3 $(kubectl get svc svc-nlb-ip-type -o jsonpath={.status.loadBalancer.ingress[0].hostname}) >/dev/null; done");
        String ipAddresses = kopsEc2.ok("aws elbv2 describe-load-balancers --query 'LoadBalancers[].AvailabilityZones[].LoadBalancerAddresses[].PrivateIPv4Address' --output text");

        // hw4-cleanup, then s28-instance-mode right after
        kopsEc2.ok("kubectl delete deploy deploy-echo; kubectl delete svc svc-nlb-ip-type");
        kubectl.ok("apply", "-f", INSTANCE_NLB.toAbsolutePath().toString());
        kubectl.await(out -> out.contains(".elb.us-east-1.amazonaws.com"), "get", "svc", "svc-nlb-instance-type", "--no-headers");
        kopsEc2.awaitAws("elbv2 describe-target-health --target-group-arn $(aws elbv2 describe-target-groups --query"
                        + " \"TargetGroups[?starts_with(TargetGroupName, 'k8s-default-svcnlbin')].TargetGroupArn | [0]\" --output text)",
                j -> j.path("TargetHealthDescriptions").findValuesAsText("State").contains("healthy"));
        String instanceAddresses = kopsEc2.ok("aws elbv2 describe-load-balancers --query 'LoadBalancers[].AvailabilityZones[].LoadBalancerAddresses[].PrivateIPv4Address' --output text");

        // s28-instance-curl: the study's 10 curls (no timeout there; 5 s each here, so a stall shows as a miss)
        String kopsEc2Public = kopsEc2.ok("aws ec2 describe-instances --filters Name=tag:Name,Values=kops-ec2"
                + " --query 'Reservations[].Instances[].PublicIpAddress' --output text").strip();
        List<String> missed = new ArrayList<>();
        StringBuilder diagnosis = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            ProcessRunner.Result r = kopsEc2.run("curl -sv --max-time 5 $(kubectl get svc svc-nlb-instance-type -o jsonpath={.status.loadBalancer.ingress[0].hostname})");
            if (!r.stdout().contains("Hostname: deploy-echo-") || !r.stdout().contains("client_address=" + kopsEc2Public + "\n")) {
                missed.add("curl " + i + ": exit " + r.exitCode() + " " + r.stderr().lines().filter(l -> l.startsWith("*")).toList()
                        + " " + r.stdout().lines().filter(l -> l.startsWith("client_address=")).toList());
                if (diagnosis.isEmpty()) {
                    diagnosis.append(diagnose());
                }
            }
        }
        // each answered by a pod that saw kops-ec2's public address (as on AWS, through the Internet Gateway)
        assertThat(missed).as("curls through the instance NLB not answered with client_address=" + kopsEc2Public + " (IP NLB had " + ipAddresses.strip()
                + ", instance NLB has " + instanceAddresses.strip() + ")\n" + diagnosis).isEmpty();
    }

    /** What the kernel holds while a curl stalls: neighbours, conntrack, the NLB's DNAT and the bridge hand-back. */
    private String diagnose() {
        StringBuilder out = new StringBuilder();
        String router = lab.topology().vpcNetns();
        String bastion = lab.topology().bastion().netns();
        List<String> nlbs = new ArrayList<>();
        try {
            TestLabs.sh("ip", "netns", "list").lines().map(l -> l.split(" ")[0])
                    .filter(n -> n.startsWith(settings.prefix() + "-nlb")).forEach(nlbs::add);
        } catch (Exception e) {
            out.append("netns list: ").append(e).append('\n');
        }
        section(out, bastion + ": ip neigh", bastion, "ip", "neigh");
        section(out, bastion + ": ip route", bastion, "ip", "route");
        section(out, router + ": ip neigh", router, "ip", "neigh");
        section(out, router + ": ebtables", router, "ebtables", "-t", "nat", "-L", "--Lc");
        section(out, router + ": bridge fdb", router, "bridge", "fdb", "show");
        for (String nlb : nlbs) {
            section(out, nlb + ": ip addr", nlb, "ip", "-br", "link");
            section(out, nlb + ": ip addr", nlb, "ip", "-br", "addr");
            section(out, nlb + ": iptables nat", nlb, "iptables", "-t", "nat", "-L", "-v", "-n");
            section(out, nlb + ": conntrack", nlb, "conntrack", "-L");
            section(out, nlb + ": ip neigh", nlb, "ip", "neigh");
        }
        for (var node : lab.topology().kubernetesNodes()) {
            section(out, node.netns() + ": ip neigh", node.netns(), "ip", "neigh");
            section(out, node.netns() + ": conntrack", node.netns(), "conntrack", "-L");
            section(out, node.netns() + ": iptables-save nat", node.netns(), "iptables-save", "-t", "nat");
        }
        try {
            out.append("== endpoints\n").append(kubectl.ok("get", "endpoints", "-o", "yaml"));
            out.append("== pods\n").append(kubectl.ok("get", "pod", "-o", "wide"));
            out.append("== svc\n").append(kubectl.ok("get", "svc", "-o", "yaml"));
        } catch (Exception e) {
            out.append(e).append('\n');
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title, String netns, String... argv) {
        out.append("== ").append(title).append('\n');
        try {
            out.append(TestLabs.inNetns(netns, argv));
        } catch (Exception e) {
            out.append(e.getMessage()).append('\n');
        }
    }
}
