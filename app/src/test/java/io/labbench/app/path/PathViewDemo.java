package io.labbench.app.path;

import io.labbench.app.shell.TerminalDirectory;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.sessions.AppDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Shows the Path view on a running local lab started with {@code labbench lab up --prefix PREFIX}, traces
 * FROM → TO and turns live counters on. Run under Xvfb to look at it:
 * {@code DISPLAY=:NN java -cp <test classpath> io.labbench.app.path.PathViewDemo PREFIX FROM TO}; with
 * {@code -Dlbt.demo.export=true} it also presses Export once the trace is in (the files go to a temporary workspace).
 */
public final class PathViewDemo {

    private PathViewDemo() {
    }

    public static void main(String[] args) throws Exception {
        String prefix = args[0];
        LabSettings settings = LabSettings.defaults(AppDirs.fromEnvironment().state().resolve("locallab"), prefix);
        PathSource source = LocalLabPathSource.running(settings)
                .orElseThrow(() -> new IllegalStateException("no lab '" + prefix + "' runs: labbench lab up --prefix " + prefix));
        Path workspace = Files.createTempDirectory("lbt-path-demo");
        TerminalDirectory terminals = new TerminalDirectory() {
            @Override
            public List<String> names() {
                return List.of();
            }

            @Override
            public void type(String terminalName, String text, boolean pressEnter) {
                System.out.println(terminalName + "$ " + text);
            }

            @Override
            public void focus(String terminalName) {
            }

            @Override
            public List<String> recentLines(String terminalName, int maxLines) {
                return List.of();
            }
        };
        EvidenceSink sink = EvidenceSink.fixed(new EvidenceSink.Destination() {
            @Override
            public Path workspaceDir() {
                return workspace;
            }

            @Override
            public String addImage(String title, String file) {
                return "written to " + workspace.resolve(file);
            }
        });
        Platform.startup(() -> {
            PathViewModel model = new PathViewModel(() -> java.util.Optional.of(source), terminals,
                    (id, endpoint) -> System.out.println("open watch " + id + " on " + endpoint), sink,
                    Executors.newSingleThreadExecutor(), Platform::runLater, Executors.newSingleThreadScheduledExecutor(),
                    Duration.ofSeconds(1));
            Stage stage = new Stage();
            stage.setTitle("Packet path — LabBench");
            PathView view = new PathView(model);
            stage.setScene(new Scene(view, Integer.getInteger("lbt.demo.width", 1500), 1000));
            stage.show();
            model.messageProperty().addListener((o, was, now) -> System.out.println("message: " + now));
            model.fromProperty().set(args[1]);
            model.toProperty().set(args[2]);
            model.loadPlaces();
            model.trace().thenRun(() -> {
                model.liveProperty().set(true);
                if (Boolean.getBoolean("lbt.demo.export")) {
                    // the Export button as the learner clicks it: snapshot here, encode and write in the background
                    ((javafx.scene.control.Button) view.lookup("#path-export")).fire();
                }
            });
            model.lastRefreshMillisProperty().addListener((o, was, now) -> System.out.println("refresh " + now + " ms"));
        });
    }
}
