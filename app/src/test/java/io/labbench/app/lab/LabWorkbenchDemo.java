package io.labbench.app.lab;

import io.labbench.app.ui.DesktopLauncher;
import io.labbench.app.ui.WorkbenchSetup;
import io.labbench.labmodel.load.LabLoader;
import io.labbench.labmodel.model.Lab;
import io.labbench.sessions.AppDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The wizard in the real window on local shells, to look at: {@code LabWorkbenchDemo LABFILE [STEP_ID]}. Not a test. */
public final class LabWorkbenchDemo {
    private LabWorkbenchDemo() {
    }

    public static void main(String[] args) throws Exception {
        Lab lab = new LabLoader().load(Path.of(args[0])).lab().orElseThrow();
        Path home = Files.createTempDirectory("lbt-lab-demo");
        System.setProperty("labbench.home", home.toString());
        Platform.startup(() -> {
            Stage stage = new Stage();
            WorkbenchSetup setup = WorkbenchSetup.create(AppDirs.fromEnvironment(), new DesktopLauncher.Options(false, null, "shells"), stage);
            LabPaneView pane = new LabPaneView(lab, setup.workbench().terminals(), (id, on) -> { },
                    new CommandRunnerPort(setup.hub()), home.resolve("ws"));
            setup.workbench().setLabPane(pane);
            if (args.length > 1) {
                pane.model().select(args[1]);
            }
            pane.model().languageProperty().set(io.labbench.labmodel.model.Language.EN);
            setup.workbench().show(() -> { });
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1400);
            stage.setHeight(900);
        });
    }
}
