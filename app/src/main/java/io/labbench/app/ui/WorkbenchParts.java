package io.labbench.app.ui;

import io.labbench.app.lab.CommandRunnerPort;
import io.labbench.app.lab.LabPaneView;
import io.labbench.app.shell.WatchDirectory;
import io.labbench.app.watch.WatchDock;
import io.labbench.labmodel.load.LabLoader;
import io.labbench.labmodel.load.LoadResult;
import io.labbench.sessions.AppDirs;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts the lab wizard and the watch dock into the main window. Kept apart from
 * {@link WorkbenchSetup} so the window's skeleton stays testable without them.
 */
public final class WorkbenchParts {

    /** The lab the app opens; more labs will be chosen from {@code assets/labs}. */
    static final String DEFAULT_LAB = "labs/pkos-week2.yaml";

    private WorkbenchParts() {
    }

    /** Where the shipped assets are: {@code -Dlabbench.assets} (set by ./labbench and the installers), else ./assets. */
    public static Path assetsRoot() {
        String configured = System.getProperty("labbench.assets");
        return configured == null || configured.isBlank() ? Path.of("assets") : Path.of(configured);
    }

    public static void wire(WorkbenchSetup setup, AppDirs dirs, boolean awsBackend) {
        Workbench workbench = setup.workbench();
        WatchDock dock = WatchDock.create(setup.hub(), () -> setup.endpointNames(), dirs.config());
        workbench.setWatchDock(dock.node());
        workbench.onShutdown(dock::close);
        WatchDirectory watches = dock;
        Path labFile = assetsRoot().resolve(DEFAULT_LAB);
        if (!Files.isRegularFile(labFile)) {
            workbench.statusBar().showMessage("No lab found at " + labFile + "; start LabBench with ./labbench or set -Dlabbench.assets");
            return;
        }
        LoadResult loaded = new LabLoader().load(labFile);
        if (loaded.lab().isEmpty()) {
            workbench.statusBar().showMessage("The lab " + labFile + " has errors; first: "
                    + loaded.errors().stream().findFirst().map(Object::toString).orElse("unknown")
                    + " (labbench lab validate " + labFile + " lists them all)");
            return;
        }
        LabPaneView pane = new LabPaneView(loaded.lab().get(), workbench.terminals(), watches,
                new CommandRunnerPort(setup.hub()), dirs.workspace(setup.workspaceName()));
        if (awsBackend) {
            pane.model().backendProperty().set(io.labbench.labmodel.model.Backend.AWS);
        }
        workbench.setLabPane(pane);
        ClusterWindows windows = new ClusterWindows(setup, dirs);
        pane.model().useOperations(windows.labOperations());
        workbench.addMenu(windows.menu());
        workbench.onShutdown(windows::close);
    }
}
