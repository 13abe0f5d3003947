package io.labbench.app.lab;

import io.labbench.labmodel.load.LabLoader;
import io.labbench.labmodel.model.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Opens the wizard on a lab with local shells, to look at it: {@code LabPaneDemo LABFILE [STEP_ID] [en]}.
 * Not a test; run it under Xvfb and take a screenshot.
 */
public final class LabPaneDemo {
    private LabPaneDemo() {
    }

    public static void main(String[] args) throws Exception {
        Lab lab = new LabLoader().load(Path.of(args[0])).lab().orElseThrow(() -> new IllegalArgumentException("lab has errors"));
        Path workspace = Files.createTempDirectory("lab-demo");
        BashTerminals terminals = new BashTerminals("local", "kubectl", "worker1", "worker2", "master", "kops-ec2");
        Platform.startup(() -> {
            LabPaneView view = new LabPaneView(lab, terminals, (id, on) -> { }, new LocalBashPort(), workspace);
            if (args.length > 2 && args[2].equals("en")) {
                view.model().languageProperty().set(io.labbench.labmodel.model.Language.EN);
            }
            if (args.length > 1) {
                view.model().select(args[1]);
            }
            Stage stage = new Stage();
            stage.setScene(new Scene(view, 1400, 900));
            stage.setX(0);
            stage.setY(0);
            stage.show();
            if (args.length > 3 && args[3].equals("checks")) {
                view.model().runAllChecks();
            }
        });
    }
}
