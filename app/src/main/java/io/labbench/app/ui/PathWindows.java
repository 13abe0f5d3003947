package io.labbench.app.ui;

import io.labbench.app.lab.LabPaneViewModel;
import io.labbench.app.path.EvidenceSink;
import io.labbench.app.path.LocalLabPathSource;
import io.labbench.app.path.PathSource;
import io.labbench.app.path.PathWindow;
import io.labbench.app.shell.WatchDirectory;
import io.labbench.locallab.settings.LabSettings;
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
    private LocalLabPathSource source;

    private PathWindows() {
    }

    /** Adds the menu item; {@link #notebook} later tells where exported pictures go. */
    static PathWindows add(Workbench workbench, WatchDirectory watches, String workspaceName) {
        PathWindows windows = new PathWindows();
        AtomicReference<LabPaneViewModel> open = windows.lab;
        // asked on the JavaFX thread at export: the open lab and its selected step are read there, then used
        // from the background thread that writes the picture
        EvidenceSink sink = () -> {
            LabPaneViewModel lab = open.get();
            Path workspace = lab != null ? lab.workspaceDir() : io.labbench.sessions.AppDirs.fromEnvironment().workspace(workspaceName);
            Optional<String> step = lab == null ? Optional.empty() : lab.selectedStepId();
            return new EvidenceSink.Destination() {
                @Override
                public Path workspaceDir() {
                    return workspace;
                }

                @Override
                public String addImage(String title, String file) {
                    if (lab == null) {
                        return "no lab is open, so the notebook does not list it";
                    }
                    return step.map(id -> lab.addImageEvidence(id, title, file))
                            .orElse("no lab step was selected, so the notebook does not list it");
                }
            };
        };
        PathWindow window = new PathWindow(() -> workbench.window().getScene() == null ? null : workbench.window().getScene().getWindow(),
                windows::localLab, workbench.terminals(), watches, sink);
        workbench.addViewMenuItem(window.menuItem());
        workbench.onShutdown(window::close);
        workbench.onShutdown(windows::closeSource);
        return windows;
    }

    void notebook(LabPaneViewModel pane) {
        lab.set(pane);
    }

    /** The running lab's source; the same one (and its Kubernetes client) while the same lab runs. */
    private Optional<PathSource> localLab() {
        LabSettings settings = LabSettingsFile.load(LabSettings.defaults()).settings();
        Optional<LocalLabPathSource> now = LocalLabPathSource.running(settings);
        synchronized (this) {
            if (now.isEmpty() || source == null || !sameLab(source.status(), now.get().status())) {
                if (source != null) {
                    source.close();
                }
                source = now.orElse(null);
            } else {
                now.get().close();
            }
            return Optional.ofNullable(source);
        }
    }

    /** The same lab daemon with the same API server (a status also carries figures that change while it runs). */
    private static boolean sameLab(io.labbench.locallab.LabStatus a, io.labbench.locallab.LabStatus b) {
        return a.pid() == b.pid() && a.prefix().equals(b.prefix()) && a.kubeconfig().equals(b.kubeconfig())
                && a.nodes().equals(b.nodes());
    }

    private synchronized void closeSource() {
        if (source != null) {
            source.close();
            source = null;
        }
    }
}
