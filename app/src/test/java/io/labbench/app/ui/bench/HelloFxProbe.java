package io.labbench.app.ui.bench;

import io.labbench.app.ui.startup.StartupProbe;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The start-up baseline: a bare JavaFX window started the way LabBench starts, timed the same way. With
 * {@code --stay} it prints the first frame's time and stays open: the idle window {@link AppMemoryBenchmark}
 * compares memory with.
 */
public final class HelloFxProbe {

    private HelloFxProbe() {
    }

    public static void main(String[] args) {
        Platform.startup(() -> {
            Stage stage = new Stage();
            Scene scene = new Scene(new Label("Hello, world"), 1440, 900);
            StartupProbe.onFirstFrame(scene, millis -> {
                System.out.println(millis);
                if (!java.util.List.of(args).contains("--stay")) {
                    System.exit(0);
                }
            });
            stage.setScene(scene);
            stage.show();
        });
    }
}
