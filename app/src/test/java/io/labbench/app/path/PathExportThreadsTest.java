package io.labbench.app.path;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.app.shell.TerminalDirectory;
import io.labbench.app.shell.WatchDirectory;
import io.labbench.packetpath.Direction;
import io.labbench.packetpath.Flow;
import io.labbench.packetpath.Hop;
import io.labbench.packetpath.HopKind;
import io.labbench.packetpath.PacketPath;
import io.labbench.packetpath.Place;
import io.labbench.packetpath.live.CounterReading;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export to the notebook: what is exported (the picture's step, the SVG) is read on the UI thread when the
 * learner clicks, the PNG encoding and the file writes run on the background thread. A single-thread
 * executor named "ui" stands in for the JavaFX thread; the background thread is held until the learner has
 * picked another step, which must not move the picture.
 */
class PathExportThreadsTest {
    @TempDir
    Path workspace;

    private final ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "ui"));
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> new Thread(r, "background"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        ui.shutdownNow();
        background.shutdownNow();
        ticker.shutdownNow();
    }

    private static PacketPath path() {
        Flow flow = new Flow(new Place.Address("172.30.40.10", "pod-1"), new Place.Address("198.51.100.7", "internet"), "icmp", 0);
        Hop hop = new Hop(Direction.FORWARD, "worker1", HopKind.ROUTE, "routing", "route main", "default via 172.30.32.1 dev ens5",
                "172.30.40.10 → 198.51.100.7", Optional.empty(), Optional.empty(), OptionalLong.empty(), false, List.of(),
                "ip route get 198.51.100.7");
        return new PacketPath(flow, List.of(hop), PacketPath.Outcome.LEFT_THE_LAB, List.of());
    }

    @Test
    void theStepIsReadOnTheUiThreadAndThePictureIsEncodedAndWrittenInTheBackground() throws Exception {
        List<String> where = new CopyOnWriteArrayList<>();
        AtomicReference<String> selectedStep = new AtomicReference<>("2-3");
        EvidenceSink sink = () -> {
            where.add("destination on " + Thread.currentThread().getName());
            String step = selectedStep.get();
            return new EvidenceSink.Destination() {
                @Override
                public Path workspaceDir() {
                    return workspace;
                }

                @Override
                public String addImage(String title, String file) {
                    where.add("addImage on " + Thread.currentThread().getName() + " to step " + step + ": " + title + " " + file);
                    return "added to the notebook under step " + step;
                }
            };
        };
        PathSource source = new PathSource() {
            @Override
            public List<String> places() {
                return List.of();
            }

            @Override
            public PacketPath resolve(String from, String to, String protocol, int port) {
                return path();
            }

            @Override
            public CounterReading counters(Set<String> machines) {
                return new CounterReading(Map.of());
            }
        };
        TerminalDirectory terminals = new TerminalDirectory() {
            @Override
            public List<String> names() {
                return List.of();
            }

            @Override
            public void type(String terminalName, String text, boolean pressEnter) {
            }

            @Override
            public void focus(String terminalName) {
            }

            @Override
            public List<String> recentLines(String terminalName, int maxLines) {
                return List.of();
            }
        };
        PathViewModel model = ui.submit(() -> new PathViewModel(() -> Optional.of(source), terminals,
                (id, endpoint) -> { }, sink, background, ui, ticker, PathViewModel.DEFAULT_INTERVAL)).get(10, TimeUnit.SECONDS);
        ui.submit(() -> {
            model.fromProperty().set("pod-1");
            model.toProperty().set("internet");
            return model.trace();
        }).get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);

        CountDownLatch pickedAnotherStep = new CountDownLatch(1);
        background.execute(() -> {
            try {
                pickedAnotherStep.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        var exported = ui.submit(() -> model.exportPicture(() -> {
            where.add("encode on " + Thread.currentThread().getName());
            return png;
        })).get(10, TimeUnit.SECONDS);
        selectedStep.set("3-1");
        pickedAnotherStep.countDown();
        Path file = exported.get(10, TimeUnit.SECONDS);

        assertThat(where).containsExactly("destination on ui", "encode on background",
                "addImage on background to step 2-3: packet path pod-1 → internet (icmp) evidence/" + file.getFileName());
        assertThat(file.getParent()).isEqualTo(workspace.resolve("evidence"));
        assertThat(Files.readAllBytes(file)).isEqualTo(png);
        String svg = Files.readString(workspace.resolve("evidence/" + file.getFileName().toString().replace(".png", ".svg")),
                StandardCharsets.UTF_8);
        assertThat(svg).contains("<svg").contains("route main");
        assertThat(ui.submit(() -> model.messageProperty().get()).get(10, TimeUnit.SECONDS))
                .contains("added to the notebook under step 2-3");
    }
}
