package io.labbench.locallab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl's typed {@code create} commands send their objects as protobuf
 * ({@code Content-Type: application/vnd.kubernetes.protobuf}, {@code k8s\0} + runtime.Unknown); the
 * manifest commands ({@code create -f}, {@code run}, {@code apply}) send JSON. Both must work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlCreateCommandsTest {

    @TempDir
    static Path dir;
    private LocalKubeApi api;
    private Kubectl kubectl;

    @BeforeAll
    void start() throws Exception {
        api = LocalKubeApi.start(InMemoryPodNetwork.study(), dir.resolve("kube/config"));
        kubectl = new Kubectl(api.kubeconfig(), Files.createDirectories(dir.resolve("home")));
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void createDeploymentSentAsProtobufRunsItsPodsWithTheImageAndPort() {
        Kubectl.Result sent = kubectl.run("create", "deployment", "web", "--image=nginx:1.25", "--replicas=3", "--port=80", "-v=6");
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.out().strip()).isEqualTo("deployment.apps/web created");

        String deployment = kubectl.await(out -> out.contains("3/3"), "get", "deployment", "web");
        assertThat(deployment).containsPattern("web\\s+3/3\\s+3\\s+3");
        assertThat(kubectl.ok("get", "deployment", "web", "-o",
                "jsonpath={.spec.selector.matchLabels.app} {.spec.template.spec.containers[0].image} "
                        + "{.spec.template.spec.containers[0].ports[0].containerPort} {.spec.strategy.type}"))
                .isEqualTo("web nginx:1.25 80 RollingUpdate");
        assertThat(kubectl.ok("get", "pod", "-l", "app=web", "--no-headers").lines().filter(l -> l.contains("Running")))
                .hasSize(3);
    }

    @Test
    void createDeploymentWithZeroReplicasKeepsTheZero() {
        kubectl.ok("create", "deployment", "idle", "--image=nginx", "--replicas=0");
        assertThat(kubectl.ok("get", "deployment", "idle", "-o", "jsonpath={.spec.replicas}")).isEqualTo("0");
    }

    @Test
    void createNamespaceConfigmapSecretAndServiceAccountSentAsProtobuf() {
        assertThat(kubectl.ok("create", "namespace", "lab").strip()).isEqualTo("namespace/lab created");
        kubectl.ok("create", "configmap", "settings", "-n", "lab", "--from-literal=mode=study", "--from-literal=week=2");
        assertThat(kubectl.ok("get", "configmap", "settings", "-n", "lab", "-o", "jsonpath={.data.mode}/{.data.week}"))
                .isEqualTo("study/2");
        kubectl.ok("create", "secret", "generic", "token", "-n", "lab", "--from-literal=key=s3cret");
        assertThat(kubectl.ok("get", "secret", "token", "-n", "lab", "-o", "jsonpath={.data.key}"))
                .isEqualTo(Base64.getEncoder().encodeToString("s3cret".getBytes()));
        assertThat(kubectl.ok("create", "serviceaccount", "robot", "-n", "lab").strip()).isEqualTo("serviceaccount/robot created");
    }

    @Test
    void manifestCommandsStillSendJsonAndWork() {
        String manifest = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: from-stdin
                spec:
                  containers:
                  - name: netshoot
                    image: nicolaka/netshoot
                """;
        assertThat(kubectl.runWithInput(manifest, "create", "-f", "-").out().strip()).isEqualTo("pod/from-stdin created");
        assertThat(kubectl.ok("run", "runner", "--image=nginx").strip()).isEqualTo("pod/runner created");
        kubectl.await(out -> out.lines().filter(l -> l.contains("Running")).count() == 2, "get", "pod", "from-stdin", "runner");
    }
}
