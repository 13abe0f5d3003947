package io.labbench.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.labbench.app.watch.WatchDock;
import io.labbench.app.watch.WatchPanelViewModel;
import io.labbench.locallab.net.LabTopology;
import io.labbench.watch.panel.CounterView;
import io.labbench.watch.panel.RowMark;
import io.labbench.watch.panel.RowView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The watch panels' two local-lab proofs of issue 5, on one real local lab: the ready-made watches the
 * dock offers, opened as a lab step opens them, run through the sessions' command runner over the lab's
 * SSH; the cluster is changed with the real {@code kubectl} and the lab's kubeconfig. Assertions read the
 * panel's view-model, which is what the table draws (the row's NEW mark, the counter's delta). Root only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class WatchPanelsOnLocalLabEndToEndTest {

    private static final String POD = "lbt-watch-pod";
    /** Scheduled on worker1 the way the week-2 manifest pins pod-1: by worker1's zone. */
    private static final String MANIFEST = E2eManifests.netshootPod(POD, "us-east-1a");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path tempDir;

    private RunningLocalLab running;
    private WatchDock dock;
    private Stage stage;

    @BeforeAll
    void startTheLabAndTheDock() throws Exception {
        assumeTrue(RunningLocalLab.isRoot(), "the local lab builds network namespaces; run as root");
        assumeTrue(RunningLocalLab.onPath("kubectl"), "kubectl is not on PATH");
        stage = FxToolkit.registerPrimaryStage();
        running = RunningLocalLab.start(tempDir);
        Path config = Files.createDirectories(tempDir.resolve("config"));
        dock = WaitForAsyncUtils.asyncFx(() -> {
            WatchDock created = WatchDock.create(running.hub, () -> running.workspace.endpointNames(), config);
            stage.setScene(new Scene((Parent) created.node(), 1200, 700));
            stage.show();
            return created;
        }).get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void stopTheDockAndTheLab() throws Exception {
        try {
            if (dock != null) {
                WaitForAsyncUtils.asyncFx(() -> {
                    dock.close();
                    stage.hide();
                }).get(30, TimeUnit.SECONDS);
            }
        } finally {
            if (running != null) {
                running.close();
            }
        }
    }

    @Test
    @Order(1)
    void worker1RoutesWatchShowsTheNewPodsEniRouteWithinTwoRefreshesOfKubectlApply() throws Exception {
        WatchPanelViewModel routes = open("routes", "worker1");
        awaitRows(routes, rows -> !rows.isEmpty(), "the first routes of worker1");
        assertThat(rows(routes)).as("worker1's routes before the pod exists").noneMatch(r -> r.value("dev").startsWith("eni")
                && r.mark() == RowMark.NEW);

        Path manifest = Files.writeString(tempDir.resolve("pod.yaml"), MANIFEST);
        running.kubectl("apply", "-f", manifest.toString());
        int refreshesBeforeApply = historySize(routes);

        String podIp = awaitPodIp();
        Predicate<RowView> podRoute = r -> r.value("dev").startsWith("eni") && r.value("destination").equals(podIp);
        List<RowView> rows = awaitRows(routes, now -> now.stream().anyMatch(podRoute), "an eni route to " + podIp);
        int historySize = historySize(routes);
        RowView route = rows.stream().filter(podRoute).findFirst().orElseThrow();
        assertThat(route.mark()).as("the pod's route row is marked new").isEqualTo(RowMark.NEW);
        assertThat(route.value("scope")).isEqualTo("link");
        // The refresh that first showed the row: markAge counts the refreshes since it appeared.
        int appearedAt = historySize - 1 - route.markAge();
        System.out.println("routes watch: " + route.key() + " dev " + route.value("dev") + " showed "
                + (appearedAt - (refreshesBeforeApply - 1)) + " refresh(es) after kubectl apply");
        assertThat(appearedAt - (refreshesBeforeApply - 1)).as("refreshes after kubectl apply until the route showed")
                .isBetween(1, 2);
    }

    @Test
    @Order(2)
    void snatChainWatchShowsAPositivePacketDeltaAfterThePodPingsTheInternetStandIn() throws Exception {
        running.kubectl("apply", "-f", Files.writeString(tempDir.resolve("pod.yaml"), MANIFEST).toString());
        awaitPodIp();
        WatchPanelViewModel snat = open("iptables-snat-0", "worker1");
        awaitRows(snat, rows -> rows.stream().anyMatch(r -> r.value("target").equals("SNAT")), "the SNAT rule of worker1");
        int beforePing = historySize(snat);

        String ping = running.kubectl("exec", POD, "--", "ping", "-c", "1", "-W", "2", LabTopology.INET_ADDRESS);
        assertThat(ping).as("the pod reaches the internet stand-in").containsPattern("1 packets transmitted, 1 (packets )?received");

        List<RowView> rows = awaitRows(snat, now -> snatPackets(now).filter(c -> c.hasDelta() && c.delta() > 0).isPresent(),
                "a packet delta on the SNAT rule");
        CounterView packets = snatPackets(rows).orElseThrow();
        assertThat(packets.delta()).as("SNAT packets since the refresh before").isPositive();
        System.out.println("AWS-SNAT-CHAIN-0 watch: SNAT packets +" + packets.delta() + " after one ping");
        // the lab step's homework evidence (the week-2 lab says `watch: iptables-snat`): the snapshot and its change
        String evidence = WaitForAsyncUtils.asyncFx(() -> dock.snapshotText("iptables-snat", "worker1")).get(30, TimeUnit.SECONDS)
                .orElseThrow();
        assertThat(evidence).contains("AWS-SNAT-CHAIN-0").contains("| SNAT |");
        assertThat(packets.reset()).isFalse();
        assertThat(historySize(snat)).as("the delta came from a refresh after the ping").isGreaterThan(beforePing);
    }

    private static Optional<CounterView> snatPackets(List<RowView> rows) {
        return rows.stream().filter(r -> r.value("target").equals("SNAT")).findFirst()
                .flatMap(r -> r.cell("packets")).flatMap(c -> c.counter());
    }

    /** Opens the ready-made watch as a lab step's watch action does, and returns its panel's view-model. */
    private WatchPanelViewModel open(String watchId, String endpoint) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            dock.openWatch(watchId, endpoint);
            return dock.model().openPanels().stream()
                    .filter(p -> p.definition().panelKey().equals(endpoint + "/" + watchId)).findFirst()
                    .orElseThrow(() -> new AssertionError("the dock did not open " + watchId + " on " + endpoint));
        }).get(30, TimeUnit.SECONDS);
    }

    private static List<RowView> rows(WatchPanelViewModel panel) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> List.copyOf(panel.visibleRows())).get(30, TimeUnit.SECONDS);
    }

    private static int historySize(WatchPanelViewModel panel) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> panel.historySizeProperty().get()).get(30, TimeUnit.SECONDS);
    }

    private static List<RowView> awaitRows(WatchPanelViewModel panel, Predicate<List<RowView>> wanted, String what)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<RowView> rows = rows(panel);
            if (wanted.test(rows)) {
                return rows;
            }
            if (System.nanoTime() > deadline) {
                String problem = WaitForAsyncUtils.asyncFx(() -> panel.statusTextProperty().get() + " "
                        + panel.problemProperty().get()).get();
                throw new AssertionError("no " + what + " within " + WAIT + " in " + panel.definition().title() + " ("
                        + problem + "); rows: " + rows.stream().map(RowView::key).toList());
            }
            Thread.sleep(100);
        }
    }

    private String awaitPodIp() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String ip = running.kubectl("get", "pod", POD, "-o", "jsonpath={.status.podIP}").strip();
            if (!ip.isEmpty()) {
                return ip;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(POD + " got no IP within " + WAIT + ": " + running.kubectl("describe", "pod", POD));
            }
            Thread.sleep(200);
        }
    }
}
