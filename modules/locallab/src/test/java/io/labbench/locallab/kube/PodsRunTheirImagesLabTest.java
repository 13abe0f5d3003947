package io.labbench.locallab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.LocalLab;
import io.labbench.locallab.RunningTestLab;
import io.labbench.locallab.SharedTestLab;
import io.labbench.locallab.TestLabs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's pods on a real lab, checked the way the study checks them with kubectl: netshoot pods
 * with their own hostname and resolv.conf, echoserver answering pod to pod with the caller's own
 * address, nginx's welcome page and access log, a crashing container's restarts.
 */
@ExtendWith(SharedTestLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodsRunTheirImagesLabTest {

    private RunningTestLab running;
    private LocalLab lab;
    private Kubectl kubectl;

    @BeforeAll
    void up(RunningTestLab running) throws Exception {
        this.running = running;
        lab = running.lab();
        kubectl = running.kubectl();
        running.apply("netshoot-2pods.yaml", StudyManifests.text("netshoot-2pods.yaml"));
        running.apply("echo.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: deploy-echo
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app: deploy-websrv
                  template:
                    metadata:
                      labels:
                        app: deploy-websrv
                    spec:
                      terminationGracePeriodSeconds: 0
                      nodeSelector:
                        topology.kubernetes.io/zone: us-east-1c
                      containers:
                      - name: akos-websrv
                        image: k8s.gcr.io/echoserver:1.5
                        ports:
                        - containerPort: 8080
                """);
        kubectl.awaitRunning(3);
    }

    @Test
    void aPodHasItsOwnHostnameHostsAndResolvConf() {
        assertThat(kubectl.ok("exec", "pod-1", "--", "hostname").strip()).isEqualTo("pod-1");
        assertThat(kubectl.ok("exec", "pod-1", "--", "cat", "/etc/hostname").strip()).isEqualTo("pod-1");
        String podIp = kubectl.ok("get", "pod", "pod-1", "-o", "jsonpath={.status.podIP}");
        assertThat(kubectl.ok("exec", "pod-1", "--", "cat", "/etc/hosts")).contains(podIp + "\tpod-1");
        assertThat(kubectl.ok("exec", "pod-1", "--", "cat", "/etc/resolv.conf")).contains("nameserver 100.64.0.10")
                .contains("search default.svc.cluster.local svc.cluster.local cluster.local")
                .contains("options ndots:5");
    }

    @Test
    void echoserverRepliesWithItsNameAndTheCallersPodAddress() {
        String echoPod = kubectl.ok("get", "pod", "-l", "app=deploy-websrv", "-o", "jsonpath={.items[0].metadata.name}");
        String echoIp = kubectl.ok("get", "pod", echoPod, "-o", "jsonpath={.status.podIP}");
        String pod1Ip = kubectl.ok("get", "pod", "pod-1", "-o", "jsonpath={.status.podIP}");
        String reply = kubectl.ok("exec", "pod-1", "--", "curl", "-s", "--max-time", "10", echoIp + ":8080");
        assertThat(reply).contains("Hostname: " + echoPod).contains("client_address=" + pod1Ip)
                .contains("method=GET").contains("user-agent=curl/");
    }

    @Test
    void nginxServesItsWelcomePageAndLogsTheRequest() {
        kubectl.ok("run", "web", "--image=nginx:alpine", "--port=80");
        kubectl.awaitRunning(1, "web");
        String ip = kubectl.ok("get", "pod", "web", "-o", "jsonpath={.status.podIP}");
        assertThat(kubectl.ok("exec", "pod-1", "--", "curl", "-s", "--max-time", "10", ip)).contains("Welcome to nginx!");
        String pod1Ip = kubectl.ok("get", "pod", "pod-1", "-o", "jsonpath={.status.podIP}");
        kubectl.await(out -> out.contains(pod1Ip + " - - [") && out.contains("\"GET / HTTP/1.1\" 200"), "logs", "web", "--tail", "1");
        kubectl.ok("delete", "pod", "web", "--grace-period=1");
        assertThat(kubectl.run("get", "pod", "web").exitCode()).isNotZero();
    }

    @Test
    void followedLogsShowEachNewRequestWhileKubectlWaitsAndEndWhenTheContainerStops(@TempDir Path scratch) throws Exception {
        kubectl.ok("run", "tailed", "--image=nginx", "--port=80");
        kubectl.awaitRunning(1, "tailed");
        String ip = kubectl.ok("get", "pod", "tailed", "-o", "jsonpath={.status.podIP}");
        String pod1Ip = kubectl.ok("get", "pod", "pod-1", "-o", "jsonpath={.status.podIP}");
        kubectl.ok("exec", "pod-1", "--", "curl", "-s", "-o", "/dev/null", "--max-time", "10", ip + "/?n=first");
        kubectl.await(out -> out.contains("GET /?n=first"), "logs", "tailed");
        Path followed = scratch.resolve("followed.txt");
        Process follow = kubectl.startInBackground(followed, "logs", "-f", "tailed", "--tail", "1");
        try {
            awaitFile(followed, text -> text.contains("GET /?n=first"), Duration.ofSeconds(30));

            kubectl.ok("exec", "pod-1", "--", "curl", "-s", "-o", "/dev/null", "--max-time", "10", ip + "/?n=second");
            long sent = System.nanoTime();
            String text = awaitFile(followed, t -> t.contains("GET /?n=second"), Duration.ofSeconds(10));
            // kubectl is still attached: the line came through the open stream, not a second request
            assertThat(follow.isAlive()).isTrue();
            assertThat(text.lines().filter(l -> l.contains("GET /?n=second")).findFirst().orElseThrow())
                    .startsWith(pod1Ip + " - - [");
            // --tail 1: of what was there before -f started, only the last line
            assertThat(text.lines().findFirst().orElseThrow()).contains("GET /?n=first");
            System.out.println("logs -f: the access log line reached kubectl " + (System.nanoTime() - sent) / 1_000_000
                    + " ms after curl returned");

            kubectl.ok("delete", "pod", "tailed", "--grace-period=1", "--wait=false");
            assertThat(follow.waitFor(30, TimeUnit.SECONDS)).as("kubectl logs -f ends when the container stops").isTrue();
        } finally {
            follow.destroyForcibly();
        }
    }

    private static String awaitFile(Path file, java.util.function.Predicate<String> done, Duration patience) throws Exception {
        long end = System.nanoTime() + patience.toNanos();
        String text = "";
        while (System.nanoTime() < end) {
            text = Files.exists(file) ? Files.readString(file) : "";
            if (done.test(text)) {
                return text;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("waited " + patience.toSeconds() + " s; kubectl logs -f printed so far:\n" + text);
    }

    @Test
    void aDyingContainerRestartsThenCrashLoops() {
        kubectl.ok("run", "dying", "--image=busybox", "--", "sh", "-c", "echo about to fail; exit 3");
        kubectl.await(out -> Kubectl.columns(out.strip()).get(3).equals("1")
                || Kubectl.columns(out.strip()).get(2).equals("CrashLoopBackOff"), "get", "pod", "dying", "--no-headers");
        String row = kubectl.await(out -> Kubectl.columns(out.strip()).get(2).equals("CrashLoopBackOff"), "get", "pod", "dying",
                "--no-headers");
        assertThat(Integer.parseInt(Kubectl.columns(row.strip()).get(3))).isGreaterThanOrEqualTo(1);
        assertThat(kubectl.ok("logs", "dying")).contains("about to fail");
        assertThat(kubectl.ok("describe", "pod", "dying")).contains("Back-off restarting failed container")
                .contains("Last State:     Terminated").contains("Exit Code:    3");
        kubectl.ok("delete", "pod", "dying", "--grace-period=0", "--force");
    }

    @Test
    void theInternetAnswersAnyPublicAddressAndTheStudysNames() {
        assertThat(kubectl.ok("exec", "pod-1", "--", "ping", "-c", "1", "-W", "5", "www.google.com")).contains("1 received");
        assertThat(kubectl.ok("exec", "pod-1", "--", "ping", "-c", "1", "-W", "5", "8.8.8.8")).contains("1 received");
        assertThat(kubectl.ok("exec", "pod-1", "--", "curl", "-s", "--max-time", "10", "www.google.com")).contains("www.google.com");
        assertThat(kubectl.ok("exec", "pod-1", "--", "curl", "-s", "--max-time", "10", "wttr.in/seoul")).contains("stand-in");
        assertThat(kubectl.ok("exec", "pod-1", "--", "nslookup", "www.google.com")).contains("Address: 203.0.113.");
    }

    @Test
    void ipinfoShowsTheNodesPublicAddressFromTheNodeAndFromItsPodAndTheSnatChainCountsThePodsFlow() throws Exception {
        String nodeName = kubectl.ok("get", "pod", "pod-1", "-o", "jsonpath={.spec.nodeName}");
        String node = lab.topology().findNode(nodeName).orElseThrow().name();
        String publicIp = lab.status().nodes().stream().filter(n -> n.name().equals(node)).findFirst().orElseThrow().publicIp();
        assertThat(publicIp).startsWith("198.51.100.");
        long before = snatPackets(node);
        assertThat(kubectl.ok("exec", "pod-1", "--", "curl", "-s", "--max-time", "10", "ipinfo.io/ip")).isEqualTo(publicIp);
        assertThat(snatPackets(node)).isGreaterThan(before);
        assertThat(running.onMachine(node, "curl -s --max-time 10 ipinfo.io/ip")).isEqualTo(publicIp);
    }

    @Test
    void theStudysDownloadsAreServedOverHttpsWithTheLabCa() throws Exception {
        String url = "https://raw.githubusercontent.com/kubernetes-sigs/aws-load-balancer-controller/v2.4.5/docs/install/iam_policy.json";
        assertThat(running.onMachine("kops-ec2", "curl -sS --max-time 10 " + url)).contains("elasticloadbalancing:");
        assertThat(kubectl.ok("exec", "pod-1", "--", "curl", "-sS", "--max-time", "10",
                "https://s3.ap-northeast-2.amazonaws.com/cloudformation.cloudneta.net/AKOS/externaldns/externaldns-aws-r53-policy.json"))
                .contains("route53:ChangeResourceRecordSets");
    }

    /** Packets the SNAT rule of the node's AWS-SNAT-CHAIN-0 has counted. */
    private long snatPackets(String node) throws Exception {
        String out = TestLabs.inNetns(lab.topology().node(node).netns(), "iptables", "-w", "-t", "nat", "-L", "AWS-SNAT-CHAIN-0",
                "-v", "-n", "-x");
        return out.lines().filter(l -> l.contains("SNAT") && l.contains("to:")).mapToLong(l -> Long.parseLong(l.trim().split("\\s+")[0]))
                .sum();
    }

    @Test
    void anImageTheLabDoesNotEmulateSleepsAndSaysSo() {
        kubectl.ok("run", "mystery", "--image=example.com/mystery:1");
        kubectl.await(out -> out.contains("Running"), "get", "pod", "mystery", "--no-headers");
        assertThat(kubectl.ok("logs", "mystery")).contains("does not emulate the image example.com/mystery:1");
        assertThat(kubectl.ok("get", "events", "--field-selector", "involvedObject.name=mystery")).contains("NotEmulated");
        kubectl.ok("delete", "pod", "mystery", "--grace-period=0", "--force");
    }
}
