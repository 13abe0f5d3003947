package io.labbench.app.watch;

import io.labbench.app.shell.WatchDirectory;
import io.labbench.sessions.AppDirs;
import io.labbench.sessions.CommandRunnerProvider;
import io.labbench.sessions.workspace.Workspace;
import io.labbench.watch.export.ExportFormat;
import io.labbench.watch.layout.DockLayoutStore;
import io.labbench.watch.run.NetparseSnapshotReader;
import io.labbench.watch.run.WatchScheduler;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.Node;

/**
 * The watch dock as the main window uses it:
 * <pre>{@code
 * WatchDock watches = WatchDock.create(sessionHub, () -> sessionHub.workspace().endpointNames());
 * watchSlot.getChildren().setAll(watches.node());     // restores last session's panels
 * labWizard.setWatchDirectory(watches);                // lab steps open watches by id
 * stage.setOnHidden(e -> watches.close());
 * }</pre>
 * Create and use it on the JavaFX thread.
 */
public final class WatchDock implements WatchDirectory, AutoCloseable {

    private final WatchScheduler scheduler = new WatchScheduler();
    private final WatchDockView view;

    private WatchDock(CommandRunnerProvider runners, Supplier<List<String>> endpointNames, Path configFolder) {
        this.view = new WatchDockView(runners, endpointNames, DockLayoutStore.inConfigFolder(configFolder),
                new NetparseSnapshotReader(), scheduler);
        view.restore();
    }

    /** A dock on the study's nodes, saving its layout in the user's settings folder. */
    public static WatchDock create(CommandRunnerProvider runners) {
        return create(runners, () -> Workspace.DEFAULT_NODE_NAMES);
    }

    public static WatchDock create(CommandRunnerProvider runners, Supplier<List<String>> endpointNames) {
        return create(runners, endpointNames, AppDirs.fromEnvironment().config());
    }

    public static WatchDock create(CommandRunnerProvider runners, Supplier<List<String>> endpointNames, Path configFolder) {
        return new WatchDock(runners, endpointNames, configFolder);
    }

    public Node node() {
        return view;
    }

    public WatchDockView view() {
        return view;
    }

    @Override
    public void openWatch(String watchId, String endpointName) {
        view.openWatch(watchId, endpointName);
    }

    @Override
    public Optional<String> snapshotText(String watchId, String endpointName) {
        return view.panel(watchId, endpointName).flatMap(panel -> panel.snapshotText(ExportFormat.MARKDOWN));
    }

    /** Saves the layout and stops every panel. */
    @Override
    public void close() {
        view.close();
        scheduler.close();
    }
}
