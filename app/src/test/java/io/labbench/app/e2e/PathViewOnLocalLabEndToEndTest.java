package io.labbench.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.labbench.app.path.EvidenceSink;
import io.labbench.app.path.HopRow;
import io.labbench.app.path.LocalLabPathSource;
import io.labbench.app.path.PathView;
import io.labbench.app.path.PathViewModel;
import io.labbench.app.shell.TerminalDirectory;
import io.labbench.app.shell.WatchDirectory;
import io.labbench.locallab.net.LabTopology;
import io.labbench.packetpath.CounterId;
import io.labbench.packetpath.HopKind;
import io.labbench.packetpath.PacketPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Path view on a real local lab (root): two pods applied with the real kubectl, the flow typed into
 * the view, traced from the lab's API and nodes (the app's own {@link LocalLabPathSource}); a ping from
 * pod-1 lights up exactly the hops whose counters the kernel raised; clicking hops opens the watch or
 * types the command; the picture goes to the workspace's evidence folder as PNG and SVG.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PathViewOnLocalLabEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path tempDir;

    private RunningLocalLab running;
    private LocalLabPathSource source;
    private PathView view;
    private PathViewModel model;
    private Stage stage;
    private ExecutorService background;
    private ScheduledExecutorService ticker;
    private final FxRobot robot = new FxRobot();
    private final List<String> typed = new CopyOnWriteArrayList<>();
    private final List<String> watchesOpened = new CopyOnWriteArrayList<>();
    private final List<String> evidence = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startTheLabAndTheView() throws Exception {
        assumeTrue(RunningLocalLab.isRoot(), "the local lab builds network namespaces; run as root");
        assumeTrue(RunningLocalLab.onPath("kubectl"), "kubectl is not on PATH");
        stage = FxToolkit.registerPrimaryStage();
        running = RunningLocalLab.start(tempDir);
        source = new LocalLabPathSource(running.status, 0);
        String zone1 = running.zone("worker1");
        String zone2 = running.zone("worker2");
        running.kubectl("apply", "-f", Files.writeString(tempDir.resolve("pods.yaml"), E2eManifests.netshootPod("pod-1", zone1) + "---\n" + E2eManifests.netshootPod("pod-2", zone2))
                .toString());
        awaitPods();
        background = Executors.newSingleThreadExecutor();
        ticker = Executors.newSingleThreadScheduledExecutor();
        Path workspace = Files.createDirectories(tempDir.resolve("workspace"));
        TerminalDirectory terminals = new TerminalDirectory() {
            @Override
            public List<String> names() {
                return List.of("kops-ec2", "worker1", "worker2");
            }

            @Override
            public void type(String terminalName, String text, boolean pressEnter) {
                typed.add(terminalName + ": " + text);
            }

            @Override
            public void focus(String terminalName) {
            }

            @Override
            public List<String> recentLines(String terminalName, int maxLines) {
                return List.of();
            }
        };
        WatchDirectory watches = (watchId, endpoint) -> watchesOpened.add(watchId + " on " + endpoint);
        EvidenceSink sink = EvidenceSink.fixed(new EvidenceSink.Destination() {
            @Override
            public Path workspaceDir() {
                return workspace;
            }

            @Override
            public String addImage(String title, String file) {
                evidence.add(title + " -> " + file);
                return "added to the notebook under step test";
            }
        });
        model = new PathViewModel(() -> Optional.of(source), terminals, watches, sink, background, Platform::runLater, ticker,
                PathViewModel.DEFAULT_INTERVAL);
        view = WaitForAsyncUtils.asyncFx(() -> {
            PathView created = new PathView(model);
            // Monocle's headless screen is 1280 x 800: a bigger scene overflows its framebuffer
            stage.setScene(new Scene(created, 1260, 780));
            stage.show();
            return created;
        }).get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void stopTheViewAndTheLab() throws Exception {
        try {
            if (view != null) {
                WaitForAsyncUtils.asyncFx(() -> {
                    model.close();
                    stage.hide();
                }).get(30, TimeUnit.SECONDS);
                background.shutdownNow();
                ticker.shutdownNow();
            }
        } finally {
            if (running != null) {
                running.close();
            }
        }
    }

    @Test
    @Order(1)
    void aPingFromPod1ToTheInternetLightsUpTheHopsWhoseCountersTheKernelRaised() throws Exception {
        robot.clickOn(editor("#path-from")).write("pod-1");
        robot.clickOn(editor("#path-to")).write("internet");
        robot.clickOn("#path-trace");
        await(() -> !model.rows().isEmpty(), "the traced hops");
        PacketPath path = model.pathProperty().get().orElseThrow();
        assertThat(path.outcome()).isEqualTo(PacketPath.Outcome.LEFT_THE_LAB);
        assertThat(robot.lookup(".path-hop").queryAll()).hasSize(path.hops().size());
        assertThat(robot.lookup("#path-notes").queryAs(javafx.scene.layout.VBox.class).getChildren()).isNotEmpty();

        robot.clickOn("#path-live");
        Set<HopRow> lit = new HashSet<>();
        java.util.concurrent.CompletableFuture<String> ping = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return source.shell().run("pod/default/pod-1", "ping -c 6 -i 0.5 -W 5 " + LabTopology.INET_ADDRESS).stdout();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // while the ping runs, a refresh shows its hops lit up: that is the picture to keep
        await(() -> model.rows().stream().anyMatch(HopRow::rose), "a hop lit up by the ping");
        screenshot("pod-1-to-internet.png");
        assertThat(ping.get(30, TimeUnit.SECONDS)).contains("6 received");
        // every counter the path names rises with the ping; the rows say so within a few refreshes
        Set<CounterId> named = Set.copyOf(path.counters());
        await(() -> {
            model.rows().stream().filter(HopRow::rose).forEach(lit::add);
            return model.rows().stream().filter(r -> r.sinceTraced() > 0).map(r -> r.hop().counter().orElseThrow())
                    .collect(Collectors.toSet()).equals(named);
        }, "every named counter risen since the trace");
        assertThat(lit).as("hops highlighted on some refresh").isNotEmpty();
        assertThat(lit).allSatisfy(r -> assertThat(named).contains(r.hop().counter().orElseThrow()));
        robot.clickOn("#path-live");
    }

    @Test
    @Order(2)
    void clickingHopsOpensTheirWatchOrTypesTheirCommandAndExportGoesToTheNotebook() throws Exception {
        robot.doubleClickOn(editor("#path-to")).write("pod-2");
        robot.clickOn("#path-trace");
        await(() -> model.pathProperty().get().map(p -> p.flow().to().label().equals("pod-2")).orElse(false)
                && !model.rows().isEmpty(), "the pod-1 → pod-2 hops");
        screenshot("pod-1-to-pod-2.png");
        Node policyRule = hopBox(r -> r.hop().kind() == HopKind.POLICY_RULE && r.hop().machine().equals("worker1"));
        robot.clickOn(policyRule);
        assertThat(watchesOpened).contains("rules on worker1");
        Node podRoute = hopBox(r -> r.hop().kind() == HopKind.ROUTE && r.hop().machine().equals("pod/default/pod-1"));
        robot.clickOn(podRoute);
        assertThat(typed).anySatisfy(t -> assertThat(t).startsWith("kops-ec2: kubectl exec -n default pod-1 -- ip route get "));

        robot.clickOn("#path-export");
        await(() -> !evidence.isEmpty(), "the exported picture");
        Path folder = tempDir.resolve("workspace/evidence");
        List<Path> files;
        try (var list = Files.list(folder)) {
            files = list.sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString().replaceAll("[0-9]+", "N"))
                .containsExactly("path-N.png", "path-N.svg");
        assertThat(ImageIO.read(files.get(0).toFile()).getWidth()).isGreaterThan(400);
        String svg = Files.readString(files.get(1), StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<svg").contains("pod-1 → pod-2").contains("worker2");
        assertThat(evidence.get(0)).contains("evidence/path-");
    }

    private Node editor(String comboBox) {
        return robot.lookup(comboBox).queryAs(javafx.scene.control.ComboBox.class).getEditor();
    }

    private Node hopBox(java.util.function.Predicate<HopRow> which) {
        return robot.lookup(".path-hop").queryAll().stream().filter(n -> n.getUserData() instanceof HopRow r && which.test(r))
                .findFirst().orElseThrow(() -> new AssertionError("no such hop box"));
    }

    private void screenshot(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "path-screenshots"));
        byte[] png = WaitForAsyncUtils.asyncFx(() -> {
            javafx.scene.image.WritableImage image = stage.getScene().getRoot().snapshot(null, null);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png", out);
            return out.toByteArray();
        }).get(30, TimeUnit.SECONDS);
        Files.write(dir.resolve(name), png);
    }

    private void awaitPods() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<String> places = source.places();
            if (places.contains("pod-1") && places.contains("pod-2")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pod-1 and pod-2 did not get IPs within " + WAIT + ": " + running.kubectl("get", "pods", "-o", "wide"));
            }
            Thread.sleep(300);
        }
    }

    private void await(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Boolean ok = WaitForAsyncUtils.asyncFx(condition).get(30, TimeUnit.SECONDS);
            if (Boolean.TRUE.equals(ok)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT + " for " + what + "; status: " + model.messageProperty().get());
            }
            Thread.sleep(200);
        }
    }
}
