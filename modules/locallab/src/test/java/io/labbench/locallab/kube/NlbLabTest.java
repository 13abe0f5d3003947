package io.labbench.locallab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LocalLab;
import io.labbench.locallab.KopsEc2Shell;
import io.labbench.locallab.RunningTestLab;
import io.labbench.locallab.SharedTestLab;
import io.labbench.locallab.TestLabs;
import io.labbench.locallab.net.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Section 2.6 on a real lab: the study's echo-service manifest gets an NLB that answers {@code curl}
 * from kops-ec2, spreads the study's 100-curl loop over the pods, registers a third pod when scaled,
 * shows its targets healthy to the real {@code aws elbv2 describe-target-health}, and a bad
 * annotation gets the controller's Warning event and no load balancer.
 */
@ExtendWith(SharedTestLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NlbLabTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LabSettings settings;
    private LocalLab lab;
    private Kubectl kubectl;
    private KopsEc2Shell kopsEc2;
    private Path manifests;
    private String nlbHost;

    @BeforeAll
    void up(RunningTestLab running) throws Exception {
        settings = running.settings();
        lab = running.lab();
        kubectl = running.kubectl();
        kopsEc2 = running.kopsEc2();
        manifests = running.manifests();
    }

    @Test
    @Order(0)
    void enablingTheControllerWithKopsMakesItsCrdsRbacAndDeploymentAppear() throws Exception {
        assertThat(kubectl.ok("get", "crd")).doesNotContain("elbv2.k8s.aws");
        kopsEc2.ok("cat > ~/lbc-editor <<'EOF'\n#!/bin/sh\n"
                + "sed -i 's/^spec:$/spec:\\n  certManager:\\n    enabled: true\\n  awsLoadBalancerController:\\n    enabled: true/' \"$1\"\nEOF\n"
                + "chmod +x ~/lbc-editor");
        kopsEc2.ok("EDITOR=~/lbc-editor kops edit cluster --name ${KOPS_CLUSTER_NAME}");
        assertThat(kopsEc2.ok("kops get cluster -o yaml")).contains("awsLoadBalancerController:\n    enabled: true");
        assertThat(kopsEc2.ok("kops update cluster --yes")).contains("aws-load-balancer-controller").contains("Cluster changes have been applied");
        assertThat(kubectl.ok("get", "crd")).contains("targetgroupbindings.elbv2.k8s.aws").contains("ingressclassparams.elbv2.k8s.aws");
        assertThat(kubectl.ok("get", "deploy", "-n", "kube-system", "aws-load-balancer-controller")).contains("aws-load-balancer-controller");
        assertThat(kubectl.ok("get", "sa", "-n", "kube-system")).contains("aws-load-balancer-controller");
        assertThat(kubectl.ok("describe", "clusterroles", "aws-load-balancer-controller-role")).contains("targetgroupbindings.elbv2.k8s.aws");
        assertThat(kubectl.ok("get", "clusterrolebindings", "aws-load-balancer-controller-rolebinding"))
                .contains("ClusterRole/aws-load-balancer-controller-role");
        assertThat(kubectl.ok("get", "targetgroupbindings", "-A")).doesNotContain("k8s-");
    }

    @Test
    @Order(1)
    void withoutTheIamPolicyTheServiceGetsAccessDeniedAsOnAws() throws Exception {
        kubectl.ok("apply", "-f", StudyManifests.file(manifests, "echo-service-nlb.yaml").toString());
        String events = kubectl.await(out -> out.contains("AccessDenied"), "get", "events",
                "--field-selector", "involvedObject.name=svc-nlb-ip-type");
        assertThat(events).contains("Warning").contains("FailedDeployModel").contains("elasticloadbalancing:CreateLoadBalancer");
        assertThat(kubectl.ok("get", "svc", "svc-nlb-ip-type", "--no-headers")).contains("<pending>");
        kubectl.await(out -> out.contains("1/1"), "get", "deploy", "-n", "kube-system", "aws-load-balancer-controller", "--no-headers");
        assertThat(kubectl.ok("logs", "-n", "kube-system", "deploy/aws-load-balancer-controller")).contains("AccessDenied");
    }

    @Test
    @Order(2)
    void theStudysEchoServiceGetsAnNlbThatAnswersCurlFromKopsEc2() throws Exception {
        kopsEc2.ok("curl -s -o iam_policy.json https://raw.githubusercontent.com/kubernetes-sigs/aws-load-balancer-controller/v2.4.5/docs/install/iam_policy.json"
                + " && aws iam create-policy --policy-name AWSLoadBalancerControllerIAMPolicy --policy-document file://iam_policy.json");
        kopsEc2.ok("ACCOUNT_ID=$(aws sts get-caller-identity --query 'Account' --output text)"
                + " && aws iam attach-role-policy --policy-arn arn:aws:iam::$ACCOUNT_ID:policy/AWSLoadBalancerControllerIAMPolicy --role-name masters.$KOPS_CLUSTER_NAME"
                + " && aws iam attach-role-policy --policy-arn arn:aws:iam::$ACCOUNT_ID:policy/AWSLoadBalancerControllerIAMPolicy --role-name nodes.$KOPS_CLUSTER_NAME");
        String svc = kubectl.await(out -> out.contains(".elb.us-east-1.amazonaws.com"), "get", "svc", "svc-nlb-ip-type", "--no-headers");
        Matcher name = Pattern.compile("(k8s-default-svcnlbip-[0-9a-f]{10})-[0-9a-f]{16}\\.elb\\.us-east-1\\.amazonaws\\.com").matcher(svc);
        assertThat(name.find()).as(svc).isTrue();
        nlbHost = name.group(0);
        kubectl.await(out -> out.lines().filter(l -> l.contains("1/1") && l.contains("Running")).count() == 2,
                "get", "pod", "-l", "app=deploy-websrv", "--no-headers");

        JsonNode lbs = JSON.readTree(kopsEc2.aws("elbv2 describe-load-balancers"));
        JsonNode lb = lbs.path("LoadBalancers").path(0);
        assertThat(lb.path("LoadBalancerName").asText()).isEqualTo(name.group(1));
        assertThat(lb.path("DNSName").asText()).isEqualTo(nlbHost);
        assertThat(lb.path("Type").asText()).isEqualTo("network");
        assertThat(lb.path("Scheme").asText()).isEqualTo("internet-facing");
        assertThat(lb.path("AvailabilityZones").findValuesAsText("ZoneName")).containsExactly("us-east-1a", "us-east-1c");
        List<String> addresses = lb.path("AvailabilityZones").findValuesAsText("PrivateIPv4Address");
        assertThat(addresses).hasSize(2);
        assertThat(kubectl.ok("get", "targetgroupbindings", "-A")).containsPattern("default\\s+k8s-default-svcnlbip-[0-9a-f]{10}\\s+svc-nlb-ip-type\\s+80\\s+ip");
        assertThat(kubectl.ok("logs", "-n", "kube-system", "deploy/aws-load-balancer-controller")).contains("successfully deployed model");

        String address = addresses.get(0);
        String reply = "";
        for (long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos(); System.nanoTime() < deadline; Thread.sleep(300)) {
            reply = kopsEc2.run("curl -s --max-time 3 " + address).stdout();
            if (reply.contains("Hostname:")) {
                break;
            }
        }
        assertThat(reply).contains("Hostname: deploy-echo-");
        // IP targets without PROXY protocol: the pod sees the NLB's own private address as the client
        assertThat(reply).containsPattern("client_address=(" + Pattern.quote(addresses.get(0)) + "|" + Pattern.quote(addresses.get(1)) + ")\\b");
        assertThat(kopsEc2.run("curl -s --max-time 3 " + addresses.get(1)).stdout()).contains("Hostname: deploy-echo-");

        // the study's way: by the DNS name kubectl shows, which the VPC resolver answers with the NLB's addresses once
        // the NLB is active (a target passed its check; HAProxy may serve a moment before its first check ran)
        kopsEc2.awaitOutput("dig +short " + nlbHost, addresses.get(0), Duration.ofSeconds(30));
        assertThat(kopsEc2.ok("dig +short " + nlbHost).lines().toList()).containsExactlyInAnyOrderElementsOf(addresses);
        assertThat(kopsEc2.ok("NLB=$(kubectl get svc svc-nlb-ip-type -o jsonpath={.status.loadBalancer.ingress[0].hostname});"
                + " curl -s --max-time 3 $NLB")).contains("Hostname: deploy-echo-");
    }

    @Test
    @Order(3)
    void theHundredCurlLoopSpreadsOverBothPods() throws Exception {
        String address = JSON.readTree(kopsEc2.aws("elbv2 describe-load-balancers")).findValuesAsText("PrivateIPv4Address").get(0);
        Map<String, Integer> counts = kopsEc2.hundredCurls(address);
        assertThat(counts).hasSize(2);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(30));
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
    }

    @Test
    @Order(4)
    void describeTargetHealthShowsThePodsHealthyOnTheAnnotatedPort() throws Exception {
        JsonNode groups = JSON.readTree(kopsEc2.aws("elbv2 describe-target-groups"));
        JsonNode group = groups.path("TargetGroups").path(0);
        assertThat(group.path("TargetType").asText()).isEqualTo("ip");
        assertThat(group.path("HealthCheckPort").asText()).isEqualTo("8080");
        String arn = group.path("TargetGroupArn").asText();
        String health = kopsEc2.awaitAws("elbv2 describe-target-health --target-group-arn " + arn, j ->
                j.path("TargetHealthDescriptions").size() == 2
                        && j.path("TargetHealthDescriptions").findValuesAsText("State").stream().allMatch("healthy"::equals));
        List<String> podIps = List.of(kubectl.ok("get", "pod", "-l", "app=deploy-websrv", "-o",
                "jsonpath={.items[*].status.podIP}").strip().split(" "));
        assertThat(JSON.readTree(health).findValuesAsText("Id")).containsExactlyInAnyOrderElementsOf(podIps);
    }

    @Test
    @Order(5)
    void scalingToThreeRegistersTheThirdPodAndTheLoopReachesIt() throws Exception {
        kubectl.ok("scale", "deployment", "deploy-echo", "--replicas=3");
        kubectl.await(out -> out.lines().filter(l -> l.contains("1/1") && l.contains("Running")).count() == 3,
                "get", "pod", "-l", "app=deploy-websrv", "--no-headers");
        String arn = JSON.readTree(kopsEc2.aws("elbv2 describe-target-groups")).findValuesAsText("TargetGroupArn").get(0);
        kopsEc2.awaitAws("elbv2 describe-target-health --target-group-arn " + arn, j -> j.path("TargetHealthDescriptions").size() == 3);
        String address = JSON.readTree(kopsEc2.aws("elbv2 describe-load-balancers")).findValuesAsText("PrivateIPv4Address").get(0);
        Map<String, Integer> counts = kopsEc2.hundredCurls(address);
        assertThat(counts).hasSize(3);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(20));

        kubectl.ok("scale", "deployment", "deploy-echo", "--replicas=2");
        kopsEc2.awaitAws("elbv2 describe-target-health --target-group-arn " + arn,
                j -> j.path("TargetHealthDescriptions").findValuesAsText("State").contains("draining"));
    }

    @Test
    @Order(6)
    void proxyProtocolV2CarriesTheClientsAddressToThePod(@TempDir Path scratch) throws Exception {
        Files.writeString(manifests.resolve("proxy.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: proxy-reader
                  labels:
                    app: proxy-reader
                spec:
                  containers:
                  - name: netshoot
                    image: nicolaka/netshoot
                    command: ["tail"]
                    args: ["-f", "/dev/null"]
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: svc-nlb-proxy
                  annotations:
                    service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip
                    service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing
                    service.beta.kubernetes.io/aws-load-balancer-proxy-protocol: "*"
                spec:
                  ports:
                    - port: 80
                      targetPort: 8080
                  type: LoadBalancer
                  loadBalancerClass: service.k8s.aws/nlb
                  selector:
                    app: proxy-reader
                """);
        kubectl.ok("apply", "-f", manifests.resolve("proxy.yaml").toString());
        kubectl.await(out -> out.contains("Running"), "get", "pod", "proxy-reader", "--no-headers");
        // a reader of PROXY v2 headers in the pod (its own network namespace): echoes the header's source address
        Process reader = new ProcessBuilder("nsenter", "--net=/run/netns/"
                + io.labbench.locallab.net.VpcCniPodNetwork.podNetns(settings.prefix(), "default", "proxy-reader"),
                "python3", "-c", PROXY_READER).redirectErrorStream(true).redirectOutput(scratch.resolve("proxy-reader.log").toFile()).start();
        try {
            String svc = kubectl.await(out -> out.contains(".elb.us-east-1.amazonaws.com"), "get", "svc", "svc-nlb-proxy", "--no-headers");
            String name = svc.split("\\s+")[3].replaceAll("-[0-9a-f]{16}\\..*", "");
            JsonNode lb = JSON.readTree(kopsEc2.aws("elbv2 describe-load-balancers --names " + name)).path("LoadBalancers").path(0);
            String address = lb.findValuesAsText("PrivateIPv4Address").get(0);
            // the reader starts after the target registered: wait for HAProxy's checks to pass again (rise 3)
            String group = JSON.readTree(kopsEc2.aws("elbv2 describe-target-groups --load-balancer-arn " + lb.path("LoadBalancerArn").asText()))
                    .findValuesAsText("TargetGroupArn").get(0);
            kopsEc2.awaitAws("elbv2 describe-target-health --target-group-arn " + group,
                    j -> j.path("TargetHealthDescriptions").findValuesAsText("State").equals(List.of("healthy")));
            String reply = "";
            for (long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos(); System.nanoTime() < deadline; Thread.sleep(300)) {
                reply = kopsEc2.run("curl -s --max-time 3 " + address).stdout();
                if (reply.contains("proxy_v2=")) {
                    break;
                }
            }
            String kopsEc2 = lab.topology().bastion().ip().toString();
            assertThat(reply).as("reader: " + Files.readString(scratch.resolve("proxy-reader.log"))).contains("proxy_v2=yes").contains("client_address=" + kopsEc2 + "\n").contains("proxy_destination=" + address);
        } finally {
            reader.destroyForcibly();
        }
    }

    /** Python: accept, read a PROXY v2 header if one comes first, answer HTTP with what it said. */
    private static final String PROXY_READER = String.join("\n",
            "import socket, struct, threading",
            "SIG = b'\\r\\n\\r\\n\\x00\\r\\nQUIT\\n'",
            "s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('0.0.0.0', 8080)); s.listen(64)",
            "def serve(c):",
            "    try:",
            "        c.settimeout(3); d = b''",
            "        while len(d) < 16:",
            "            x = c.recv(4096)",
            "            if not x: return",
            "            d += x",
            "        if d[:12] == SIG:",
            "            n = struct.unpack('!H', d[14:16])[0]",
            "            while len(d) < 16 + n: d += c.recv(4096)",
            "            body = 'proxy_v2=yes\\nclient_address=%s\\nproxy_destination=%s\\n' % (socket.inet_ntoa(d[16:20]), socket.inet_ntoa(d[20:24]))",
            "            d = d[16 + n:]",
            "        else:",
            "            body = 'proxy_v2=no\\n'",
            // the whole request is read before answering: closing with unread bytes would reset the connection
            "        while b'\\r\\n\\r\\n' not in d:",
            "            x = c.recv(4096)",
            "            if not x: break",
            "            d += x",
            "        c.sendall(('HTTP/1.0 200 OK\\r\\nContent-Length: %d\\r\\n\\r\\n%s' % (len(body), body)).encode())",
            "    except Exception: pass",
            "    finally: c.close()",
            "while True:",
            "    c, _ = s.accept(); threading.Thread(target=serve, args=(c,), daemon=True).start()",
            "");

    @Test
    @Order(7)
    void tlsOnTheSslPortsServesTheAcmCertificate() throws Exception {
        String domain = "websrv." + settings.clusterName();
        String arn = kopsEc2.ok("aws acm request-certificate --domain-name " + domain + " --validation-method DNS --query CertificateArn --output text").strip();
        JsonNode record = JSON.readTree(kopsEc2.ok("aws acm describe-certificate --certificate-arn " + arn))
                .path("Certificate").path("DomainValidationOptions").get(0).path("ResourceRecord");
        String zone = kopsEc2.ok("aws route53 list-hosted-zones-by-name --dns-name ${KOPS_CLUSTER_NAME}. --query 'HostedZones[0].Id' --output text").strip();
        kopsEc2.ok("aws route53 change-resource-record-sets --hosted-zone-id " + zone + " --change-batch '{\"Changes\": [{\"Action\": \"UPSERT\", "
                + "\"ResourceRecordSet\": {\"Name\": \"" + record.path("Name").asText() + "\", \"Type\": \"CNAME\", \"TTL\": 300, "
                + "\"ResourceRecords\": [{\"Value\": \"" + record.path("Value").asText() + "\"}]}}]}'");
        kopsEc2.awaitAws("acm describe-certificate --certificate-arn " + arn, j -> j.path("Certificate").path("Status").asText().equals("ISSUED"));

        Files.writeString(manifests.resolve("tls.yaml"), """
                apiVersion: v1
                kind: Service
                metadata:
                  name: svc-nlb-tls
                  annotations:
                    service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip
                    service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing
                    service.beta.kubernetes.io/aws-load-balancer-healthcheck-port: "8080"
                    service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled: "true"
                    service.beta.kubernetes.io/aws-load-balancer-ssl-ports: "https"
                    service.beta.kubernetes.io/aws-load-balancer-ssl-cert: %s
                    service.beta.kubernetes.io/aws-load-balancer-backend-protocol: "http"
                spec:
                  ports:
                    - port: 80
                      targetPort: 8080
                      protocol: TCP
                      name: http
                    - port: 443
                      targetPort: 8080
                      protocol: TCP
                      name: https
                  type: LoadBalancer
                  loadBalancerClass: service.k8s.aws/nlb
                  selector:
                    app: deploy-websrv
                """.formatted(arn));
        kubectl.ok("apply", "-f", manifests.resolve("tls.yaml").toString());
        String svc = kubectl.await(out -> out.contains(".elb.us-east-1.amazonaws.com"), "get", "svc", "svc-nlb-tls", "--no-headers");
        String name = svc.split("\\s+")[3].replaceAll("-[0-9a-f]{16}\\..*", "");
        JsonNode lb = JSON.readTree(kopsEc2.aws("elbv2 describe-load-balancers --names " + name)).path("LoadBalancers").path(0);
        String address = lb.findValuesAsText("PrivateIPv4Address").get(1);
        JsonNode listeners = JSON.readTree(kopsEc2.aws("elbv2 describe-listeners --load-balancer-arn " + lb.path("LoadBalancerArn").asText()));
        assertThat(listeners.path("Listeners").findValuesAsText("Protocol")).containsExactlyInAnyOrder("TCP", "TLS");
        assertThat(listeners.path("Listeners").findValuesAsText("CertificateArn")).containsExactly(arn);

        String reply = "";
        for (long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos(); System.nanoTime() < deadline; Thread.sleep(300)) {
            reply = kopsEc2.run("curl -s -k --max-time 3 https://" + address + " | grep Hostname").stdout();
            if (reply.contains("Hostname:")) {
                break;
            }
        }
        assertThat(reply).contains("Hostname: deploy-echo-");
        assertThat(kopsEc2.run("curl -s --max-time 3 http://" + address + " | grep Hostname").stdout()).contains("Hostname: deploy-echo-");
        String served = kopsEc2.ok("openssl s_client -connect " + address + ":443 -servername " + domain + " </dev/null 2>/dev/null"
                + " | openssl x509 -noout -fingerprint -sha256");
        String issued = kopsEc2.ok("aws acm get-certificate --certificate-arn " + arn + " --query Certificate --output text"
                + " | openssl x509 -noout -fingerprint -sha256");
        assertThat(served).startsWith("sha256 Fingerprint=").isEqualTo(issued);
    }

    @Test
    @Order(8)
    void anSslCertArnThatDoesNotExistGetsCertificateNotFoundAndNoLoadBalancer() throws Exception {
        int before = JSON.readTree(kopsEc2.aws("elbv2 describe-load-balancers")).path("LoadBalancers").size();
        String missing = "arn:aws:acm:us-east-1:" + kopsEc2.ok("aws sts get-caller-identity --query Account --output text").strip()
                + ":certificate/00000000-0000-0000-0000-000000000000";
        Files.writeString(manifests.resolve("nocert.yaml"), """
                apiVersion: v1
                kind: Service
                metadata:
                  name: svc-nocert
                  annotations:
                    service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip
                    service.beta.kubernetes.io/aws-load-balancer-ssl-cert: %s
                spec:
                  ports:
                    - port: 443
                      targetPort: 8080
                  type: LoadBalancer
                  loadBalancerClass: service.k8s.aws/nlb
                  selector:
                    app: deploy-websrv
                """.formatted(missing));
        kubectl.ok("apply", "-f", manifests.resolve("nocert.yaml").toString());
        String events = kubectl.await(out -> out.contains("CertificateNotFound"), "get", "events",
                "--field-selector", "involvedObject.name=svc-nocert");
        assertThat(events).contains("Warning").contains(missing).contains("aws-load-balancer-ssl-cert");
        assertThat(kubectl.ok("get", "svc", "svc-nocert", "--no-headers")).contains("<pending>");
        assertThat(JSON.readTree(kopsEc2.aws("elbv2 describe-load-balancers")).path("LoadBalancers").size()).isEqualTo(before);
    }

    @Test
    @Order(9)
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
        assertThat(JSON.readTree(kopsEc2.aws("elbv2 describe-load-balancers")).findValuesAsText("LoadBalancerName"))
                .noneMatch(n -> n.startsWith("k8s-default-svcbad-"));
        assertThat(Files.readString(settings.labDir().resolve("nlb/aws-load-balancer-controller.log")))
                .contains("unsupported target type \\\"pod\\\"");
    }

    /** The manifest the lab's s28 step applies: the app's asset, which kops-ec2 finds in ~/pkos/2 (see StudyFilesTest). */
    private static final Path INSTANCE_NLB = Path.of("../../assets/manifests/echo-service-nlb-instance.yaml");

    /**
     * The week-2 walk's order around 2.8's instance mode: the IP-mode NLB curled before (2.6 … homework 4) and its
     * deployment are deleted, and right after, the app's instance-mode manifest (a deployment of the same name and an
     * NLB with {@code externalTrafficPolicy: Local}) is applied. Once the Service shows the NLB's name and a node with a
     * pod is healthy (what the step's text waits for), the learner's 10 curls must all be answered.
     */
    @Test
    @Order(10)
    void tenCurlsThroughAnInstanceNlbMadeRightAfterTheIpNlbWasDeletedAreAllAnswered() throws Exception {
        // the IP-mode NLB the walk curls before (2.6 … homework 4; up since step 2, applied again as the walk does),
        // answered by its name
        kubectl.ok("apply", "-f", StudyManifests.file(manifests, "echo-service-nlb.yaml").toString());
        kubectl.await(out -> out.contains(".elb.us-east-1.amazonaws.com"), "get", "svc", "svc-nlb-ip-type", "--no-headers");
        String ipReply = kopsEc2.awaitOutput("curl -s --max-time 3 $(kubectl get svc svc-nlb-ip-type -o jsonpath={.status.loadBalancer.ingress[0].hostname})",
                "Hostname: deploy-echo-", Duration.ofSeconds(60));
        assertThat(ipReply).contains("Hostname: deploy-echo-");
        kopsEc2.ok("for i in $(seq 1 20); do curl -s --max-time 3 $(kubectl get svc svc-nlb-ip-type -o jsonpath={.status.loadBalancer.ingress[0].hostname}) >/dev/null; done");
        String ipAddresses = nlbAddresses("k8s-default-svcnlbip");

        // hw4-cleanup, then s28-instance-mode right after
        kopsEc2.ok("kubectl delete deploy deploy-echo; kubectl delete svc svc-nlb-ip-type");
        kubectl.ok("apply", "-f", INSTANCE_NLB.toAbsolutePath().toString());
        kubectl.await(out -> out.contains(".elb.us-east-1.amazonaws.com"), "get", "svc", "svc-nlb-instance-type", "--no-headers");
        kopsEc2.awaitAws("elbv2 describe-target-health --target-group-arn $(aws elbv2 describe-target-groups --query"
                        + " \"TargetGroups[?starts_with(TargetGroupName, 'k8s-default-svcnlbin')].TargetGroupArn | [0]\" --output text)",
                j -> j.path("TargetHealthDescriptions").findValuesAsText("State").contains("healthy"));
        String instanceAddresses = nlbAddresses("k8s-default-svcnlbin");

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
        kubectl.ok("delete", "-f", INSTANCE_NLB.toAbsolutePath().toString());
    }

    /** The private addresses of the NLB whose name starts with {@code namePrefix}, as the AWS CLI lists them. */
    private String nlbAddresses(String namePrefix) throws Exception {
        return kopsEc2.ok("aws elbv2 describe-load-balancers --query \"LoadBalancers[?starts_with(LoadBalancerName, '" + namePrefix
                + "')].AvailabilityZones[].LoadBalancerAddresses[].PrivateIPv4Address\" --output text");
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

    /**
     * The asset's instance-mode manifest with one echoserver pod of its own (so exactly one worker has a local endpoint)
     * behind {@code svc-nlb-NAME} with the given {@code externalTrafficPolicy}.
     */
    private static String instanceMode(String name, String policy) throws Exception {
        String yaml = Files.readString(INSTANCE_NLB);
        for (String[] edit : new String[][] {{"name: deploy-echo", "name: deploy-local"}, {"replicas: 2", "replicas: 1"},
                {"app: deploy-websrv", "app: echo-local"}, {"name: svc-nlb-instance-type", "name: svc-nlb-" + name},
                {"externalTrafficPolicy: Local", "externalTrafficPolicy: " + policy}}) {
            assertThat(yaml).as(INSTANCE_NLB + " no longer holds what the instance-mode tests change").contains(edit[0]);
            yaml = yaml.replace(edit[0], edit[1]);
        }
        return yaml;
    }

    /** The NLB's DNS name once kubectl shows it, from kops-ec2. */
    private String hostnameOf(String svc) throws Exception {
        try {
            kubectl.await(out -> out.contains(".elb.us-east-1.amazonaws.com"), "get", "svc", svc, "--no-headers");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nthe Service's events:\n"
                    + kubectl.ok("get", "events", "--field-selector", "involvedObject.name=" + svc), e);
        }
        return kopsEc2.ok("kubectl get svc " + svc + " -o jsonpath={.status.loadBalancer.ingress[0].hostname}").strip();
    }

    @Test
    @Order(11)
    void instanceModeWithExternalTrafficPolicyLocalShowsThePodKopsEc2sOwnAddressAndOnlyThePodsNodeIsHealthy() throws Exception {
        Files.writeString(manifests.resolve("instance-local.yaml"), instanceMode("local", "Local"));
        kubectl.ok("apply", "-f", manifests.resolve("instance-local.yaml").toString());
        kubectl.await(out -> out.contains("1/1") && out.contains("Running"), "get", "pod", "-l", "app=echo-local", "--no-headers");
        String nlb = hostnameOf("svc-nlb-local");
        // internet-facing: as on AWS, where kops-ec2 reaches the NLB's public addresses through the Internet Gateway
        String kopsEc2Ip = kopsEc2PublicAddress();

        // by its DNS name, through the VPC resolver, as the study curls it
        String reply = kopsEc2.awaitOutput("curl -s --max-time 3 " + nlb, "client_address=", Duration.ofSeconds(30));
        assertThat(reply).contains("Hostname: deploy-local-").contains("client_address=" + kopsEc2Ip + "\n");

        // kube-proxy's /healthz on the healthCheckNodePort: 200 only on the node with the pod, so only it is healthy
        String podNode = kubectl.ok("get", "pod", "-l", "app=echo-local", "-o", "jsonpath={.items[0].spec.nodeName}").strip();
        String podInstance = lab.topology().nodes().stream().filter(n -> n.hostname().equals(podNode) || n.instanceId().equals(podNode))
                .findFirst().orElseThrow().instanceId();
        String name = nlb.replaceAll("-[0-9a-f]{16}\\..*", "");
        JsonNode lb = kopsEc2.awsJson("elbv2 describe-load-balancers --names " + name).path("LoadBalancers").path(0);
        JsonNode group = kopsEc2.awsJson("elbv2 describe-target-groups --load-balancer-arn " + lb.path("LoadBalancerArn").asText())
                .path("TargetGroups").path(0);
        assertThat(group.path("TargetType").asText()).isEqualTo("instance");
        assertThat(group.path("HealthCheckProtocol").asText()).isEqualTo("HTTP");
        String healthCheckNodePort = kubectl.ok("get", "svc", "svc-nlb-local", "-o", "jsonpath={.spec.healthCheckNodePort}").strip();
        assertThat(group.path("HealthCheckPort").asText()).isEqualTo(healthCheckNodePort);
        assertThat(group.path("HealthCheckPath").asText()).as("the controller's check of kube-proxy's health check node port").isEqualTo("/healthz");
        String health = kopsEc2.awaitAws("elbv2 describe-target-health --target-group-arn " + group.path("TargetGroupArn").asText(),
                j -> j.path("TargetHealthDescriptions").size() == 2
                        && j.path("TargetHealthDescriptions").findValuesAsText("State").containsAll(List.of("healthy", "unhealthy")));
        for (JsonNode d : JSON.readTree(health).path("TargetHealthDescriptions")) {
            String expected = d.path("Target").path("Id").asText().equals(podInstance) ? "healthy" : "unhealthy";
            assertThat(d.path("TargetHealth").path("State").asText()).as(d.toString()).isEqualTo(expected);
        }
        // once the checks have spoken, every connection goes to the pod's node and is answered
        Map<String, Integer> counts = kopsEc2.hundredCurls(nlb);
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).as("every curl answered: " + counts).isEqualTo(100);
        // the kernel forwards it: the DNAT in the NLB's namespace counts the connections
        String nat = TestLabs.inNetns(settings.prefix() + "-nlb" + nlbIndex(lb), "iptables", "-t", "nat", "-L", "-n", "-v");
        assertThat(nat).contains("DNAT").contains(healthyNodeAddress(podInstance));
        // and the Load balancers tab's histogram reads the kernel's counts: every connection went to the pod's node
        String nodePort = kubectl.ok("get", "svc", "svc-nlb-local", "-o", "jsonpath={.spec.ports[0].nodePort}").strip();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Map<String, Long> traffic = Map.of();
        while (System.nanoTime() < deadline && traffic.getOrDefault(podInstance + ":" + nodePort, 0L) < 100) {
            Thread.sleep(200);
            traffic = io.labbench.locallab.nlb.NlbTraffic.read(settings, name).map(c -> c.forListeners(List.of(80))).orElse(Map.of());
        }
        assertThat(traffic.getOrDefault(podInstance + ":" + nodePort, 0L)).as("connections counted per target: " + traffic)
                .isGreaterThanOrEqualTo(100);
        assertThat(traffic.entrySet()).as("no connection went to the node without a pod: " + traffic)
                .allSatisfy(e -> assertThat(e.getKey().startsWith(podInstance + ":") || e.getValue() == 0).isTrue());
    }

    /**
     * The hang the week-2 walk once met at s28-instance-curl: on a loaded machine one health check of the pod's
     * node misses HAProxy's timeout. Routing by that one result left no target in service, so the NLB failed
     * open to the node without a pod, whose kube-proxy drops the connection ({@code externalTrafficPolicy:
     * Local}); the client's SYN retransmits stayed pinned there by conntrack and {@code curl} (no timeout)
     * waited over a minute. A target leaves service after as many failed checks as the threshold says.
     */
    @Test
    @Order(12)
    void oneFailedCheckOfThePodsNodeSendsNoConnectionToTheNodeWithoutAPod() throws Exception {
        String podNodeName = kubectl.ok("get", "pod", "-l", "app=echo-local", "-o", "jsonpath={.items[0].spec.nodeName}").strip();
        var podNode = lab.topology().nodes().stream().filter(n -> n.hostname().equals(podNodeName) || n.instanceId().equals(podNodeName))
                .findFirst().orElseThrow();
        var otherNode = lab.topology().nodes().stream()
                .filter(n -> n.role() == io.labbench.locallab.net.LabNode.Role.WORKER && !n.equals(podNode)).findFirst().orElseThrow();
        String nodePort = kubectl.ok("get", "svc", "svc-nlb-local", "-o", "jsonpath={.spec.ports[0].nodePort}").strip();
        String checkPort = kubectl.ok("get", "svc", "svc-nlb-local", "-o", "jsonpath={.spec.healthCheckNodePort}").strip();
        String nlb = hostnameOf("svc-nlb-local");
        JsonNode lb = kopsEc2.awsJson("elbv2 describe-load-balancers --names " + nlb.replaceAll("-[0-9a-f]{16}\\..*", ""))
                .path("LoadBalancers").path(0);
        int index = nlbIndex(lb);
        String nlbNetns = settings.prefix() + "-nlb" + index;
        Path socket = settings.labDir().resolve("s").resolve("nlb" + index + ".sock");
        String server = podNode.instanceId() + ":" + nodePort;
        String otherDnat = "--to-destination " + otherNode.ip() + ":" + nodePort;
        assertThat(TestLabs.inNetns(nlbNetns, "iptables-save", "-t", "nat")).as("only the pod's node is in service")
                .doesNotContain(otherDnat).contains("--to-destination " + podNode.ip() + ":" + nodePort);

        // kube-proxy's health check server on the pod's node (socat, started by this test's lab) stops answering
        String listening = TestLabs.inNetns(podNode.netns(), "ss", "-Hltnp", "sport = :" + checkPort);
        Matcher pid = Pattern.compile("pid=(\\d+)").matcher(listening);
        assertThat(pid.find()).as(listening).isTrue();
        TestLabs.sh("kill", "-STOP", pid.group(1));
        List<String> seen = new java.util.ArrayList<>();
        try {
            String[] row = awaitServer(socket, server, r -> !r[1].isEmpty() && !r[1].contains("OK") && !r[1].contains("INI"));
            assertThat(row[0]).as("HAProxy keeps the pod's node up after one failed check (fall threshold 2): " + String.join(",", row))
                    .startsWith("UP");
            // the controller's passes run every 250 ms: the rules must not turn to the node without a pod meanwhile
            for (int i = 0; i < 4; i++) {
                Thread.sleep(250);
                seen.add(TestLabs.inNetns(nlbNetns, "iptables-save", "-t", "nat"));
            }
        } finally {
            TestLabs.sh("kill", "-CONT", pid.group(1));
        }
        assertThat(seen).as("the NLB's DNAT after one failed check of " + server).allSatisfy(nat -> assertThat(nat).doesNotContain(otherDnat));
        // and the learner's curls (no timeout in the study) are all answered by the pod
        for (int i = 0; i < 10; i++) {
            assertThat(kopsEc2.ok("curl -s --max-time 5 " + nlb)).contains("client_address=" + kopsEc2PublicAddress() + "\n");
        }
    }

    /** HAProxy's {@code status} and {@code check_status} of one server, once {@code done} holds (10 s at most). */
    private static String[] awaitServer(Path socket, String server, java.util.function.Predicate<String[]> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try (var channel = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
                channel.connect(java.net.UnixDomainSocketAddress.of(socket));
                channel.write(java.nio.ByteBuffer.wrap("show stat\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                last = new String(java.nio.channels.Channels.newInputStream(channel).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            List<String> lines = last.lines().toList();
            List<String> header = List.of(lines.get(0).substring(2).split(",", -1));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                if (f.length > header.indexOf("check_status") && f[header.indexOf("svname")].equals(server)) {
                    String[] row = {f[header.indexOf("status")], f[header.indexOf("check_status")]};
                    if (done.test(row)) {
                        return row;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("HAProxy never showed the awaited check of " + server + ":\n" + last);
    }

    @Test
    @Order(13)
    void instanceModeWithExternalTrafficPolicyClusterShowsTheNodesAddressAsOnAws() throws Exception {
        kubectl.ok("delete", "svc", "svc-nlb-local");
        Files.writeString(manifests.resolve("instance-cluster.yaml"), instanceMode("cluster", "Cluster"));
        kubectl.ok("apply", "-f", manifests.resolve("instance-cluster.yaml").toString());
        String nlb = hostnameOf("svc-nlb-cluster");
        List<String> nodeIps = lab.topology().kubernetesNodes().stream().map(n -> n.ip().toString()).toList();

        String reply = kopsEc2.awaitOutput("curl -s --max-time 3 " + nlb, "client_address=", Duration.ofSeconds(30));
        Matcher client = Pattern.compile("client_address=(\\S+)").matcher(reply);
        assertThat(client.find()).as(reply).isTrue();
        // kube-proxy masquerades NodePort traffic under the Cluster policy: the pod sees a node, not kops-ec2
        assertThat(nodeIps).as(reply).contains(client.group(1));
        Map<String, Integer> counts = kopsEc2.hundredCurls(nlb);
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).as("every curl answered: " + counts).isEqualTo(100);
        kubectl.ok("delete", "-f", manifests.resolve("instance-cluster.yaml").toString());
    }

    /** The NLB namespace's index: the controller numbers them in the order it built them. */
    private int nlbIndex(JsonNode lb) throws Exception {
        String address = lb.findValuesAsText("PrivateIPv4Address").get(0);
        for (String netns : TestLabs.sh("ip", "netns", "list").lines().map(l -> l.split(" ")[0]).toList()) {
            if (netns.startsWith(settings.prefix() + "-nlb") && TestLabs.inNetns(netns, "ip", "-o", "addr").contains(" " + address + "/")) {
                return Integer.parseInt(netns.substring((settings.prefix() + "-nlb").length()));
            }
        }
        throw new AssertionError("no NLB namespace holds " + address);
    }

    /** kops-ec2's public address, the client an internet-facing NLB's targets see (the Internet Gateway's 1:1 map). */
    private String kopsEc2PublicAddress() {
        return io.labbench.locallab.inet.PublicAddresses.of(lab.topology()).get(lab.topology().bastion().name());
    }

    private String healthyNodeAddress(String instanceId) {
        return lab.topology().nodes().stream().filter(n -> n.instanceId().equals(instanceId)).findFirst().orElseThrow().ip().toString();
    }
}
