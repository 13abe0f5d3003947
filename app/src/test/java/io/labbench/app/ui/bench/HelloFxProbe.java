package io.labbench.app.ui.bench;

import io.labbench.app.ui.startup.StartupProbe;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The start-up baseline: a bare JavaFX window started the way LabBench starts, timed the same way. */
public final class HelloFxProbe {

    private HelloFxProbe() {
    }

    public static void main(String[] args) {
        Platform.startup(() -> {
            Stage stage = new Stage();
            Scene scene = new Scene(new Label("Hello, world"), 1440, 900);
            StartupProbe.onFirstFrame(scene, millis -> {
                System.out.println(millis);
                System.exit(0);
            });
            stage.setScene(scene);
            stage.show();
        });
    }
}
