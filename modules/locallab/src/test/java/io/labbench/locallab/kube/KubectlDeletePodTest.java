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
 * {@code kubectl delete pod} as on a real cluster: the pod shows {@code Terminating} (deletionTimestamp
 * set) until its kubelet has torn the network down, then it is gone; kubectl's default {@code --wait}
 * returns once it is. A pod whose {@code terminationGracePeriodSeconds} is 0 (the study's netshoot
 * pods) goes at once, as the real API server deletes it immediately.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlDeletePodTest {

    @TempDir
    static Path dir;
    private InMemoryPodNetwork network;
    private LocalKubeApi api;
    private Kubectl kubectl;

    @BeforeAll
    void start() throws Exception {
        network = InMemoryPodNetwork.study();
        api = LocalKubeApi.start(network, dir.resolve("kube/config"));
        kubectl = new Kubectl(api.kubeconfig(), Files.createDirectories(dir.resolve("home")));
        kubectl.runWithInput(StudyManifests.text("netshoot-2pods.yaml"), "create", "-f", "-");
        kubectl.ok("run", "web-1", "--image=nginx");
        kubectl.ok("run", "web-2", "--image=nginx");
        kubectl.await(out -> out.lines().filter(l -> l.contains("Running")).count() == 4, "get", "pod");
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aDeletedPodIsTerminatingUntilItsNetworkIsGoneAndTheDefaultWaitReturns() throws Exception {
        // The kubelet removes a Terminating pod about a second after the mark (Kubelet.STOP_TIME), as a real
        // node does once nginx has stopped: watch it, as a learner would, rather than race it with gets.
        Path table = dir.resolve("web-1-watch.txt");
        Path marks = dir.resolve("web-1-marks.txt");
        Process tableWatch = kubectl.startInBackground(table, "get", "pod", "web-1", "-w", "--no-headers");
        Process markWatch = kubectl.startInBackground(marks, "get", "pod", "web-1", "-w", "-o",
                "jsonpath={.metadata.deletionGracePeriodSeconds} {.metadata.deletionTimestamp}{\"\\n\"}");
        try {
            awaitFile(table, text -> text.contains("Running"));
            awaitFile(marks, text -> !text.isEmpty());
            assertThat(kubectl.ok("delete", "pod", "web-1", "--wait=false").strip()).isEqualTo("pod \"web-1\" deleted");

            String rows = awaitFile(table, text -> text.contains("Terminating"));
            assertThat(rows.lines().filter(l -> l.contains("Terminating")).map(Kubectl::columns).findFirst().orElseThrow().get(2))
                    .isEqualTo("Terminating");
            assertThat(awaitFile(marks, text -> text.contains("30 ")).lines().filter(l -> l.startsWith("30 ")).findFirst().orElseThrow())
                    .matches("30 \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        } finally {
            tableWatch.destroy();
            markWatch.destroy();
        }

        long start = System.nanoTime();
        assertThat(kubectl.ok("delete", "pod", "web-2").strip()).isEqualTo("pod \"web-2\" deleted");
        assertThat((System.nanoTime() - start) / 1_000_000).as("kubectl delete --wait took ms").isLessThan(15_000);
        Kubectl.Result gone = kubectl.run("get", "pod", "web-2");
        assertThat(gone.err()).contains("pods \"web-2\" not found");
        assertThat(network.detached).contains("default/web-2");

        kubectl.await(String::isBlank, "get", "pod", "web-1", "--ignore-not-found");
        assertThat(network.detached).contains("default/web-1");
    }

    private static String awaitFile(Path file, java.util.function.Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        String text = "";
        while (System.nanoTime() < deadline) {
            text = Files.exists(file) ? Files.readString(file) : "";
            if (done.test(text)) {
                return text;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(file.getFileName() + " never showed what was expected:\n" + text);
    }

    @Test
    void theStudysNetshootPodsWithGracePeriodZeroGoAtOnce() {
        kubectl.ok("delete", "pod", "pod-1", "--wait=false");

        assertThat(kubectl.run("get", "pod", "pod-1").err()).contains("pods \"pod-1\" not found");
        kubectl.await(out -> network.detached.contains("default/pod-1"), "get", "pod", "pod-2");
    }

    @Test
    void aForcedDeleteWithGracePeriodZeroRemovesThePodAtOnce() {
        kubectl.ok("run", "quick", "--image=nginx");
        kubectl.await(out -> out.contains("Running"), "get", "pod", "quick");

        kubectl.ok("delete", "pod", "quick", "--grace-period=0", "--force", "--wait=false");

        assertThat(kubectl.run("get", "pod", "quick").err()).contains("pods \"quick\" not found");
    }

    @Test
    void aDeploymentReplacesATerminatingPodAtOnce() {
        kubectl.ok("create", "deployment", "web", "--image=nginx", "--replicas=2");
        kubectl.await(out -> out.contains("2/2"), "get", "deployment", "web");
        String victim = kubectl.ok("get", "pod", "-l", "app=web", "-o", "jsonpath={.items[0].metadata.name}");

        kubectl.ok("delete", "pod", victim, "--wait=false");

        kubectl.await(out -> out.lines().filter(l -> l.contains("Running")).count() == 2 && !out.contains(victim + " "),
                "get", "pod", "-l", "app=web", "--no-headers");
    }
}
