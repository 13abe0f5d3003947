package io.labbench.locallab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's arithmetic: a t3.medium node holds 17 pods, and that counts the DaemonSet pods
 * (aws-node, kube-proxy, ebs-csi-node) and the other kube-system pods on it. DaemonSet pods go through
 * the scheduler as on Kubernetes 1.12+, so on a full node a new DaemonSet's pod waits Pending.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DaemonSetPodsAndMaxPodsTest {

    private static final List<String> WORKERS = List.of("i-0f395f78142396d9d", "i-01cadf0d8d3c7a565");
    private static final String NODE_EXPORTER = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: node-exporter
            spec:
              selector:
                matchLabels:
                  app: node-exporter
              template:
                metadata:
                  labels:
                    app: node-exporter
                spec:
                  containers:
                  - name: node-exporter
                    image: quay.io/prometheus/node-exporter:v1.5.0
                    resources:
                      requests:
                        cpu: 10m
            """;

    @TempDir
    static Path dir;
    private LocalKubeApi api;
    private Kubectl kubectl;

    @BeforeAll
    void start() throws Exception {
        api = LocalKubeApi.start(InMemoryPodNetwork.study(), dir.resolve("config"));
        kubectl = new Kubectl(api.kubeconfig(), Files.createDirectories(dir.resolve("home")));
        kubectl.await(out -> out.contains("ebs-csi-controller") && !out.contains("Pending"), "get", "pod", "-A");
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aFullNodeCountsItsDaemonSetPodsAndANewDaemonSetWaitsForRoom() {
        for (String worker : WORKERS) {
            assertThat(podsOn(worker, "aws-node-", "kube-proxy-", "ebs-csi-node-")).as("DaemonSet and static pods on " + worker)
                    .isEqualTo(3);
        }
        kubectl.ok("apply", "-f", StudyManifests.file(dir, "nginx-dp.yaml").toString());
        kubectl.ok("scale", "deployment", "nginx-deployment", "--replicas=30");
        for (String worker : WORKERS) {
            kubectl.await(out -> out.contains("(17 in total)"), "describe", "node", worker);
        }

        kubectl.runWithInput(NODE_EXPORTER, "apply", "-f", "-");

        String pending = kubectl.await(out -> out.lines().filter(l -> l.contains("Pending")).count() == 2,
                "get", "pod", "-l", "app=node-exporter", "--no-headers");
        assertThat(pending.lines()).hasSize(2);
        String name = Kubectl.columns(pending.lines().findFirst().orElseThrow()).get(0);
        assertThat(kubectl.ok("describe", "pod", name)).contains("Too many pods")
                .contains("node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }");
        for (String worker : WORKERS) {
            assertThat(kubectl.ok("describe", "node", worker)).as(worker + " stays at its allocatable").contains("(17 in total)");
        }
        assertThat(kubectl.ok("get", "ds", "node-exporter", "-o", "jsonpath={.status.desiredNumberScheduled} {.status.numberReady}"))
                .isEqualTo("2 0");

        kubectl.ok("scale", "deployment", "nginx-deployment", "--replicas=0");

        kubectl.await(out -> out.lines().filter(l -> l.contains("Running")).count() == 2,
                "get", "pod", "-l", "app=node-exporter", "--no-headers");
        assertThat(kubectl.ok("get", "pod", "-l", "app=node-exporter", "-o", "jsonpath={.items[*].spec.nodeName}").split(" "))
                .containsExactlyInAnyOrderElementsOf(WORKERS);
    }

    private long podsOn(String node, String... prefixes) {
        return kubectl.ok("get", "pod", "-A", "--field-selector", "spec.nodeName=" + node, "-o", "name").lines()
                .filter(l -> java.util.Arrays.stream(prefixes).anyMatch(p -> l.startsWith("pod/" + p))).count();
    }
}
