package io.labbench.locallab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.LocalLab;
import io.labbench.locallab.RunningTestLab;
import io.labbench.locallab.SharedTestLab;
import io.labbench.locallab.TestLabs;
import io.labbench.locallab.net.LabNode;
import io.labbench.locallab.net.ProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Services route on a real lab, checked the way the study checks them: {@code curl} to a ClusterIP from
 * a netshoot pod, the SEP rules' counters with {@code iptables -t nat -L -v}, a NodePort from kops-ec2,
 * {@code externalTrafficPolicy: Local} and its health check port, and every node's rules following
 * {@code kubectl scale}.
 */
@ExtendWith(SharedTestLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServicesRouteLabTest {

    private RunningTestLab running;
    private LocalLab lab;
    private Kubectl kubectl;
    private String clusterIp;

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
                  replicas: 3
                  selector:
                    matchLabels:
                      app: deploy-websrv
                  template:
                    metadata:
                      labels:
                        app: deploy-websrv
                    spec:
                      terminationGracePeriodSeconds: 0
                      containers:
                      - name: akos-websrv
                        image: k8s.gcr.io/echoserver:1.5
                        ports:
                        - containerPort: 8080
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: svc-echo
                spec:
                  selector:
                    app: deploy-websrv
                  ports:
                  - port: 80
                    targetPort: 8080
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: svc-echo-np
                spec:
                  type: NodePort
                  selector:
                    app: deploy-websrv
                  ports:
                  - port: 80
                    targetPort: 8080
                    nodePort: 30080
                """);
        kubectl.awaitRunning(5);
        clusterIp = kubectl.ok("get", "svc", "svc-echo", "-o", "jsonpath={.spec.clusterIP}");
        kubectl.await(out -> out.trim().split("\\s+").length == 3, "get", "ep", "svc-echo", "-o", "jsonpath={.subsets[0].addresses[*].ip}");
    }

    @Test
    void curlToTheClusterIpFromAPodAnswersAndSixtyRequestsReachAllThreePodsAndTheSepCountersAddUp() throws Exception {
        assertThat(clusterIp).startsWith("100.6");
        String pod1Node = node(kubectl.ok("get", "pod", "pod-1", "-o", "jsonpath={.spec.nodeName}"));
        awaitRules(pod1Node, rules -> sepChains(rules, "default/svc-echo").size() == 3);
        assertThat(kubectl.ok("exec", "pod-1", "--", "curl", "-s", "--max-time", "10", clusterIp)).contains("Hostname: deploy-echo-");
        Map<String, Long> before = sepPackets(pod1Node, "default/svc-echo");
        String hostnames = kubectl.ok("exec", "pod-1", "--", "sh", "-c",
                "for i in $(seq 60); do curl -s --max-time 10 " + clusterIp + " | grep Hostname; done");
        Map<String, Long> perPod = new TreeMap<>();
        hostnames.lines().forEach(l -> perPod.merge(l.strip(), 1L, Long::sum));
        assertThat(perPod).hasSize(3);
        assertThat(perPod.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(60);
        Map<String, Long> after = sepPackets(pod1Node, "default/svc-echo");
        long counted = after.entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
        assertThat(counted).as("DNAT packets counted by the SEP chains for 60 connections").isEqualTo(60);
    }

    @Test
    void theNodePortAnswersFromKopsEc2OnEveryNode() throws Exception {
        for (LabNode node : lab.topology().kubernetesNodes()) {
            awaitRules(node.name(), rules -> rules.contains("--dport 30080"));
            assertThat(running.onMachine("kops-ec2", "curl -s --max-time 10 " + node.ip() + ":30080"))
                    .as("NodePort on %s", node.name()).contains("Hostname: deploy-echo-");
        }
    }

    @Test
    void aServiceWithoutEndpointsIsRefusedAtOnce() throws Exception {
        kubectl.ok("create", "service", "clusterip", "nobody", "--tcp=80:8080");
        String ip = kubectl.ok("get", "svc", "nobody", "-o", "jsonpath={.spec.clusterIP}");
        String pod1Node = node(kubectl.ok("get", "pod", "pod-1", "-o", "jsonpath={.spec.nodeName}"));
        awaitFilter(pod1Node, rules -> rules.contains("default/nobody:80-8080 has no endpoints"));
        long start = System.nanoTime();
        Kubectl.Result r = kubectl.run("exec", "pod-1", "--", "curl", "-sS", "--max-time", "10", ip);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(r.exitCode()).as("curl's 'could not connect' (the REJECT's port unreachable): " + r.err()).isEqualTo(7);
        assertThat(millis).as("refused, not timed out").isLessThan(9000);
        kubectl.ok("delete", "svc", "nobody");
    }

    @Test
    void externalTrafficPolicyLocalDropsOnANodeWithoutAPodAndItsHealthCheckSays503() throws Exception {
        running.apply("local.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: deploy-local
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app: local-websrv
                  template:
                    metadata:
                      labels:
                        app: local-websrv
                    spec:
                      terminationGracePeriodSeconds: 0
                      nodeSelector:
                        topology.kubernetes.io/zone: us-east-1c
                      containers:
                      - name: websrv
                        image: k8s.gcr.io/echoserver:1.5
                        ports:
                        - containerPort: 8080
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: svc-local
                spec:
                  type: LoadBalancer
                  externalTrafficPolicy: Local
                  selector:
                    app: local-websrv
                  ports:
                  - port: 80
                    targetPort: 8080
                    nodePort: 31080
                """);
        kubectl.awaitRunning(1, "-l", "app=local-websrv");
        String withPod = node(kubectl.ok("get", "pod", "-l", "app=local-websrv", "-o", "jsonpath={.items[0].spec.nodeName}"));
        int healthPort = Integer.parseInt(kubectl.ok("get", "svc", "svc-local", "-o", "jsonpath={.spec.healthCheckNodePort}"));
        assertThat(healthPort).isBetween(30000, 32767);
        LabNode podNode = lab.topology().node(withPod);
        LabNode other = lab.topology().kubernetesNodes().stream().filter(n -> !n.name().equals(withPod) && n.name().startsWith("worker"))
                .findFirst().orElseThrow();
        awaitFilter(other.name(), rules -> rules.contains("default/svc-local has no local endpoints"));
        awaitRules(podNode.name(), rules -> rules.contains("KUBE-SVL-"));

        assertThat(running.onMachine("kops-ec2", "curl -s --max-time 10 " + podNode.ip() + ":31080")).contains("Hostname: deploy-local-")
                .contains("client_address=" + lab.topology().bastion().ip());
        ProcessRunner.Result dropped = ProcessRunner.runAllowingFailure(lab.shell("kops-ec2").orElseThrow()
                .execArgv("curl -s --max-time 3 " + other.ip() + ":31080"), "");
        assertThat(dropped.exitCode()).as("curl to a node without a local endpoint times out (dropped)").isEqualTo(28);

        String ok = awaitHttp(podNode.ip() + ":" + healthPort, out -> out.contains("200"));
        assertThat(ok).contains("\"localEndpoints\": 1").contains("\"name\": \"svc-local\"");
        String unavailable = awaitHttp(other.ip() + ":" + healthPort, out -> out.contains("503"));
        assertThat(unavailable).contains("\"localEndpoints\": 0");
    }

    @Test
    void everyNodesRulesFollowAScaleDownAndUpAndUnchangedChainsKeepTheirCounters() throws Exception {
        kubectl.ok("create", "deployment", "scaled", "--image=k8s.gcr.io/echoserver:1.5", "--replicas=3", "--port=8080");
        kubectl.ok("expose", "deployment", "scaled", "--port=80", "--target-port=8080");
        kubectl.awaitRunning(3, "-l", "app=scaled");
        List<LabNode> nodes = lab.topology().kubernetesNodes();
        for (LabNode node : nodes) {
            awaitRules(node.name(), rules -> sepChains(rules, "default/scaled").size() == 3);
        }
        String pod1Node = node(kubectl.ok("get", "pod", "pod-1", "-o", "jsonpath={.spec.nodeName}"));
        kubectl.ok("exec", "pod-1", "--", "sh", "-c", "for i in $(seq 5); do curl -s --max-time 10 " + clusterIp + " >/dev/null; done");
        Map<String, Long> echoBefore = sepPackets(pod1Node, "default/svc-echo");
        assertThat(echoBefore.values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(5);

        List<String> timings = new ArrayList<>();
        for (int replicas : new int[] {1, 3}) {
            long start = System.nanoTime();
            kubectl.ok("scale", "deployment", "scaled", "--replicas=" + replicas);
            kubectl.await(out -> out.trim().split("\\s+").length == replicas, "get", "ep", "scaled", "-o",
                    "jsonpath={.subsets[0].addresses[*].ip}");
            long endpointsSeen = System.nanoTime();
            for (LabNode node : nodes) {
                awaitRules(node.name(), rules -> sepChains(rules, "default/scaled").size() == replicas);
            }
            long rulesSeen = System.nanoTime();
            timings.add((replicas == 1 ? "3->1" : "1->3") + ": scale to endpoints " + TimeUnit.NANOSECONDS.toMillis(endpointsSeen - start)
                    + " ms, endpoints seen to every node's rules seen " + TimeUnit.NANOSECONDS.toMillis(rulesSeen - endpointsSeen) + " ms");
        }
        System.out.println("kubectl scale, measured by polling kubectl and iptables -S: " + timings);
        assertThat(sepPackets(pod1Node, "default/svc-echo")).as("svc-echo's chains were not rewritten").isEqualTo(echoBefore);
    }

    @Test
    void kubeSystemServicesHaveTheChainNamesOfARealKopsNode() throws Exception {
        String worker = lab.topology().kubernetesNodes().get(1).name();
        String rules = awaitRules(worker, r -> r.contains("KUBE-SVC-TCOU7JCQXEZGVUNU"));
        assertThat(rules).contains("-A KUBE-SERVICES -d 100.64.0.10/32 -p udp -m comment --comment \"kube-system/kube-dns:dns cluster IP\""
                + " -m udp --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU");
        assertThat(rules).contains("-d 100.64.0.10/32 -p tcp -m comment --comment \"kube-system/kube-dns:dns-tcp cluster IP\""
                + " -m tcp --dport 53 -j KUBE-SVC-ERIFXISQEP7F7OF4");
        assertThat(rules).contains("-d 100.64.0.1/32 -p tcp -m comment --comment \"default/kubernetes:https cluster IP\""
                + " -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y");
        assertThat(kubectl.ok("get", "svc,ep", "-n", "kube-system")).contains("service/kube-dns").contains("endpoints/kube-dns");
    }

    @Test
    void kubectlGetSvcEpEndpointSlicesShowsTheServiceAsOnACluster() {
        String slices = kubectl.await(out -> out.trim().split("\\s+").length == 3, "get", "endpointslices", "-l",
                "kubernetes.io/service-name=svc-echo", "-o", "jsonpath={.items[0].endpoints[*].addresses[0]}");
        String endpoints = kubectl.ok("get", "ep", "svc-echo", "-o", "jsonpath={.subsets[0].addresses[*].ip}");
        assertThat(List.of(slices.trim().split("\\s+"))).containsExactlyInAnyOrder(endpoints.trim().split("\\s+"));
        String table = kubectl.ok("get", "svc,ep,endpointslices");
        System.out.println(table);
        assertThat(table).contains("service/svc-echo").contains("endpoints/svc-echo")
                .containsPattern("endpointslice.discovery.k8s.io/svc-echo-[a-z0-9]{5}\\s+IPv4\\s+8080\\s+");
    }

    // ---- helpers

    private String node(String apiName) {
        return lab.topology().node(apiName).name();
    }

    private String awaitHttp(String target, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = ProcessRunner.runAllowingFailure(lab.shell("kops-ec2").orElseThrow().execArgv("curl -s -i --max-time 5 " + target), "")
                    .stdout();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(target + " never answered as expected; last:\n" + last);
    }

    private String awaitRules(String node, Predicate<String> done) throws Exception {
        return await(node, "nat", done);
    }

    private String awaitFilter(String node, Predicate<String> done) throws Exception {
        return await(node, "filter", done);
    }

    private String await(String node, String table, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = TestLabs.inNetns(lab.topology().node(node).netns(), "iptables", "-w", "-t", table, "-S");
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(node + "'s " + table + " table never showed what was expected:\n" + last);
    }

    /** The SEP chains the Service's KUBE-SVC chain jumps to. */
    private static List<String> sepChains(String rules, String service) {
        List<String> seps = new ArrayList<>();
        Matcher m = Pattern.compile("-A KUBE-SVC-\\w+ -m comment --comment \"?" + Pattern.quote(service) + "\"? [^\\n]*-j (KUBE-SEP-\\w+)")
                .matcher(rules);
        while (m.find()) {
            seps.add(m.group(1));
        }
        return seps;
    }

    /** Packets each of the Service's SEP chains' DNAT rule counted on the node. */
    private Map<String, Long> sepPackets(String node, String service) throws Exception {
        String netns = lab.topology().node(node).netns();
        Map<String, Long> packets = new TreeMap<>();
        for (String sep : sepChains(TestLabs.inNetns(netns, "iptables", "-w", "-t", "nat", "-S"), service)) {
            String out = TestLabs.inNetns(netns, "iptables", "-w", "-t", "nat", "-L", sep, "-v", "-n", "-x");
            packets.put(sep, out.lines().filter(l -> l.contains("DNAT")).mapToLong(l -> Long.parseLong(l.trim().split("\\s+")[0])).sum());
        }
        return packets;
    }
}
