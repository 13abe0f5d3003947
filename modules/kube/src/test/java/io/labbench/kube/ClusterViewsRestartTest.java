package io.labbench.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.labbench.kube.testing.RestartableApiServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The live views across an API server restart on the same port: while it is down the views say they
 * are reconnecting and keep the last state; once it is back they list again and show what changed
 * meanwhile (a pod deleted, another created) without the learner reconnecting.
 */
class ClusterViewsRestartTest {

    static void pod(KubernetesClient client, String name, String phase) {
        client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("nicolaka/netshoot").endContainer().endSpec()
                .withNewStatus().withPhase(phase).endStatus().build()).create();
    }

    @Test
    void viewsListAgainAfterTheApiServerComesBackAndShowWhatChangedMeanwhile() {
        List<ClusterViews.Connection> states = new CopyOnWriteArrayList<>();
        try (RestartableApiServer api = RestartableApiServer.start(); KubernetesClient client = api.client()) {
            pod(client, "pod-1", "Running");
            try (ClusterViews views = new ClusterViews(client, 50)) {
                views.addConnectionListener(states::add);
                views.start();
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    assertThat(views.latest().pods()).extracting(PodRow::name).containsExactly("pod-1");
                    assertThat(views.connection()).isEqualTo(ClusterViews.Connection.CONNECTED);
                });

                api.stop();
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(views.connection()).isEqualTo(ClusterViews.Connection.RECONNECTING));
                assertThat(views.latest().pods()).as("the last known state stays on screen").extracting(PodRow::name).containsExactly("pod-1");

                api.whileDown(c -> {
                    c.pods().inNamespace("default").withName("pod-1").delete();
                    pod(c, "pod-2", "Pending");
                });
                api.startAgain();

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(views.latest().pods()).extracting(PodRow::name).containsExactly("pod-2");
                    assertThat(views.connection()).isEqualTo(ClusterViews.Connection.CONNECTED);
                });
                assertThat(states).containsSubsequence(ClusterViews.Connection.CONNECTED, ClusterViews.Connection.RECONNECTING,
                        ClusterViews.Connection.CONNECTED);

                // And the watches work again: a change after the restart arrives as an event.
                pod(client, "pod-3", "Running");
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(views.latest().pods()).extracting(PodRow::name).containsExactly("pod-2", "pod-3"));
            }
        }
    }

    @Test
    void anApiServerThatNeverAnsweredIsAFailureWithTheReasonNotEndlessConnecting() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        io.fabric8.kubernetes.client.Config config = new io.fabric8.kubernetes.client.ConfigBuilder(io.fabric8.kubernetes.client.Config.empty())
                .withMasterUrl("http://127.0.0.1:" + closedPort).withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build();
             ClusterViews views = new ClusterViews(client, 50).start()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(views.connection()).isEqualTo(ClusterViews.Connection.FAILED));
            assertThat(views.failure()).startsWith("listing ").contains("failed");
        }
    }
}
