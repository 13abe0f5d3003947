package io.labbench.app.ui;

import io.labbench.app.lab.LabPaneViewModel;
import io.labbench.app.path.EvidenceSink;
import io.labbench.app.path.LocalLabPathSource;
import io.labbench.app.path.PathSource;
import io.labbench.app.path.PathWindow;
import io.labbench.app.shell.WatchDirectory;
import io.labbench.locallab.LabSettings;
import io.labbench.locallab.LabSettingsFile;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Puts View › Packet path… into the main window: the Path window reads the running local lab (found
 * through the saved lab settings, as the lab menu does) and adds its exported pictures to the lab
 * notebook through the lab pane, once one is open.
 */
final class PathWindows {
    private final AtomicReference<LabPaneViewModel> lab = new AtomicReference<>();

    private PathWindows() {
    }

    /** Adds the menu item; {@link #notebook} later tells where exported pictures go. */
    static PathWindows add(Workbench workbench, WatchDirectory watches, String workspaceName) {
        PathWindows windows = new PathWindows();
        AtomicReference<LabPaneViewModel> open = windows.lab;
        EvidenceSink sink = new EvidenceSink() {
            @Override
            public Path workspaceDir() {
                LabPaneViewModel lab = open.get();
                return lab != null ? lab.workspaceDir()
                        : io.labbench.sessions.AppDirs.fromEnvironment().workspace(workspaceName);
            }

            @Override
            public String addImage(String title, String file) {
                LabPaneViewModel lab = open.get();
                return lab == null ? "no lab is open, so the notebook does not list it" : lab.addImageEvidence(title, file);
            }
        };
        PathWindow window = new PathWindow(() -> workbench.window().getScene() == null ? null : workbench.window().getScene().getWindow(),
                PathWindows::localLab, workbench.terminals(), watches, sink);
        workbench.addViewMenuItem(window.menuItem());
        workbench.onShutdown(window::close);
        return windows;
    }

    void notebook(LabPaneViewModel pane) {
        lab.set(pane);
    }

    private static Optional<PathSource> localLab() {
        LabSettings settings = LabSettingsFile.load(LabSettings.defaults()).settings();
        return LocalLabPathSource.running(settings).map(s -> s);
    }
}
