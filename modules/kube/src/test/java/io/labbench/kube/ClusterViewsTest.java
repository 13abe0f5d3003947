package io.labbench.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class ClusterViewsTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    private static void node(String name, String ip, int pods) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("node.kubernetes.io/instance-type", "t3.medium")
                .addToLabels("topology.kubernetes.io/zone", "us-east-1a").endMetadata()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress(ip).endAddress()
                .addToAllocatable("pods", new Quantity(String.valueOf(pods))).addToAllocatable("cpu", new Quantity("2"))
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
    }

    @Test
    void informerUpdatesReachTheViewsWithPendingReasons() {
        node("i-worker1", "172.30.46.72", 17);
        client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("pod-1").withNamespace("default").endMetadata()
                .withNewSpec().withNodeName("i-worker1").addNewContainer().withName("netshoot-pod").withImage("nicolaka/netshoot").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("172.30.37.39")
                .addNewContainerStatus().withName("netshoot-pod").withReady(true).endContainerStatus().endStatus().build()).create();
        List<ClusterSnapshot> seen = new ArrayList<>();
        try (ClusterViews views = new ClusterViews(client, 50)) {
            views.addListener(seen::add);
            views.start();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(views.latest().pods()).extracting(PodRow::name).contains("pod-1");
                assertThat(views.latest().nodes()).filteredOn(n -> n.name().equals("i-worker1")).singleElement().satisfies(n -> {
                    assertThat(n.allocatablePods()).isEqualTo(17);
                    assertThat(n.podCount()).isEqualTo(1);
                    assertThat(n.instanceType()).isEqualTo("t3.medium");
                    assertThat(n.internalIp()).isEqualTo("172.30.46.72");
                });
            });
            PodRow pod1 = views.latest().pods().stream().filter(p -> p.name().equals("pod-1")).findFirst().orElseThrow();
            assertThat(pod1.ready()).isEqualTo("1/1");
            assertThat(pod1.ip()).isEqualTo("172.30.37.39");

            client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("nginx-deployment-6fb79bc456-zzz").withNamespace("default").endMetadata()
                    .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:alpine").endContainer().endSpec()
                    .withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                    .withMessage("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Too many pods.")
                    .endCondition().endStatus().build()).create();
            client.v1().events().inNamespace("default").resource(new EventBuilder().withNewMetadata().withName("nginx.1").withNamespace("default").endMetadata()
                    .withNewInvolvedObject().withKind("Pod").withName("nginx-deployment-6fb79bc456-zzz").endInvolvedObject()
                    .withType("Warning").withReason("FailedScheduling").withMessage("0/3 nodes are available: 2 Too many pods.")
                    .withLastTimestamp("2023-01-23T03:00:00Z").build()).create();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(views.latest().pendingPods()).isEqualTo(1L);
                assertThat(views.latest().pods()).filteredOn(p -> p.status().equals("Pending")).singleElement()
                        .satisfies(p -> assertThat(p.pendingReason()).contains("Too many pods"));
                assertThat(views.latest().events()).filteredOn(e -> e.reason().equals("FailedScheduling")).singleElement().satisfies(e -> {
                    assertThat(e.reason()).isEqualTo("FailedScheduling");
                    assertThat(e.involvedObject()).isEqualTo("pod/nginx-deployment-6fb79bc456-zzz");
                });
            });
            client.pods().inNamespace("default").withName("pod-1").delete();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(views.latest().pods()).extracting(PodRow::name).doesNotContain("pod-1"));
            assertThat(seen).hasSizeGreaterThan(1);
        }
    }

    @Test
    void servicesShowEndpointsAndTheAwsNodeSettingsAreRead() {
        client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName("svc-nlb-ip-type").withNamespace("default").endMetadata()
                .withNewSpec().withType("LoadBalancer").withClusterIP("100.66.12.7").addNewPort().withPort(80).withNodePort(31281).withProtocol("TCP").endPort().endSpec()
                .withNewStatus().withNewLoadBalancer().addNewIngress().withHostname("k8s-default-svcnlbip-53cb8f2a35.elb.us-east-1.amazonaws.com").endIngress()
                .endLoadBalancer().endStatus().build()).create();
        client.endpoints().inNamespace("default").resource(new EndpointsBuilder().withNewMetadata().withName("svc-nlb-ip-type").withNamespace("default").endMetadata()
                .addNewSubset().addNewAddress().withIp("172.30.37.39").endAddress().addNewAddress().withIp("172.30.90.7").endAddress()
                .addNewPort().withPort(8080).endPort().endSubset().build()).create();
        client.apps().daemonSets().inNamespace("kube-system").resource(new DaemonSetBuilder().withNewMetadata().withName("aws-node").withNamespace("kube-system").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("aws-node").withImage("amazon-k8s-cni:v1.12.2")
                .addNewEnv().withName("ENABLE_PREFIX_DELEGATION").withValue("true").endEnv()
                .addNewEnv().withName("WARM_PREFIX_TARGET").withValue("1").endEnv()
                .endContainer().endSpec().endTemplate().endSpec().build()).create();
        try (ClusterViews views = new ClusterViews(client, 50).start()) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(views.latest().services()).filteredOn(s -> s.name().equals("svc-nlb-ip-type")).singleElement().satisfies(s -> {
                    assertThat(s.loadBalancer()).startsWith("k8s-default-svcnlbip");
                    assertThat(s.ports()).containsExactly("80:31281/TCP");
                    assertThat(s.endpoints()).containsExactly("172.30.37.39:8080", "172.30.90.7:8080");
                    assertThat(s.targetGroupBindings()).isEmpty();
                });
                assertThat(views.latest().awsNode()).hasValueSatisfying(a -> {
                    assertThat(a.prefixDelegation()).isTrue();
                    assertThat(a.env()).containsEntry("WARM_PREFIX_TARGET", "1");
                });
            });
        }
    }

    @Test
    void kubeconfigFromAFileNamesItsContextAndConnects(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - cluster: {server: "%s", insecure-skip-tls-verify: true}
                  name: pkos.learn-dc.link
                contexts:
                - context: {cluster: pkos.learn-dc.link, user: admin}
                  name: pkos.learn-dc.link
                current-context: pkos.learn-dc.link
                users:
                - name: admin
                  user: {token: fake-token-labbench}
                """.formatted(client.getMasterUrl().toString()));
        KubeconfigSource source = KubeconfigSource.fromFile(file);
        assertThat(source.currentContext()).isEqualTo("pkos.learn-dc.link");
        assertThat(source.toString()).doesNotContain("fake-token-labbench");
        node("i-master", "172.30.33.50", 17);
        try (KubernetesClient connected = source.connect()) {
            assertThat(connected.nodes().withName("i-master").get()).isNotNull();
        }
    }
}
