package io.labbench.locallab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.labbench.kube.ClusterSnapshot;
import io.labbench.kube.ClusterViews;
import io.labbench.kube.KubeconfigSource;
import io.labbench.kube.PodRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's Cluster › Kubernetes… window against the local lab: its informers (modules/kube's
 * {@link ClusterViews}, fabric8 watching over WebSocket) list, start watching and then see a pod that
 * kubectl creates afterwards go Running, and see it go when kubectl deletes it. The local API server
 * used to answer these WebSocket watches with 405, so the window showed the first list and never changed.
 */
class InformersAgainstLocalApiTest {

    @TempDir
    Path dir;

    @Test
    void theAppsInformersSeeAPodCreatedAndDeletedAfterTheyStarted() throws Exception {
        try (LocalKubeApi api = LocalKubeApi.start(InMemoryPodNetwork.study(), dir.resolve("kube/config"));
             KubernetesClient client = KubeconfigSource.fromFile(api.kubeconfig()).connect()) {
            // fabric8 builds its Jackson deserializers for the model on first use, which takes seconds in a
            // cold JVM on a busy machine (longer than an informer's first list may take): build them first.
            assertThat(client.nodes().list().getItems()).hasSize(3);
            client.pods().inAnyNamespace().list();
            client.services().inAnyNamespace().list();
            client.endpoints().inAnyNamespace().list();
            client.v1().events().inAnyNamespace().list();
            client.apps().daemonSets().inNamespace("kube-system").list();
            try (ClusterViews views = new ClusterViews(client, 50).start()) {
                watchAPodComeAndGo(api, views);
            }
        }
    }

    private void watchAPodComeAndGo(LocalKubeApi api, ClusterViews views) throws Exception {
        Kubectl kubectl = new Kubectl(api.kubeconfig(), Files.createDirectories(dir.resolve("home")));
        awaitSnapshot(views, s -> views.connection() == ClusterViews.Connection.CONNECTED && !s.nodes().isEmpty(),
                "the views connected and listed the nodes");
        assertThat(views.failure()).isEmpty();

        kubectl.ok("run", "late-web", "--image=nginx");
        ClusterSnapshot seen = awaitSnapshot(views,
                s -> pod(s, "late-web").map(p -> p.status().equals("Running") && !p.ip().isEmpty()).orElse(false),
                "the informers saw late-web Running with an IP");
        assertThat(pod(seen, "late-web").orElseThrow().node()).startsWith("i-");

        kubectl.ok("delete", "pod", "late-web", "--grace-period=0", "--force");
        awaitSnapshot(views, s -> pod(s, "late-web").isEmpty(), "the informers saw late-web deleted");
        assertThat(views.connection()).isEqualTo(ClusterViews.Connection.CONNECTED);
    }

    private static Optional<PodRow> pod(ClusterSnapshot s, String name) {
        return s.pods().stream().filter(p -> p.namespace().equals("default") && p.name().equals(name)).findFirst();
    }

    private static ClusterSnapshot awaitSnapshot(ClusterViews views, Predicate<ClusterSnapshot> done, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            ClusterSnapshot s = views.latest();
            if (done.test(s)) {
                return s;
            }
            assertThat(views.connection()).as("connection (failure: %s)", views.failure())
                    .isNotEqualTo(ClusterViews.Connection.FAILED);
            Thread.sleep(100);
        }
        throw new AssertionError("never: " + what + "; connection " + views.connection() + " " + views.failure()
                + "; pods " + views.latest().pods());
    }
}
