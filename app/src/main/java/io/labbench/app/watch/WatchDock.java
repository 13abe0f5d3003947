package io.labbench.app.watch;

import io.labbench.app.shell.WatchDirectory;
import io.labbench.sessions.AppDirs;
import io.labbench.sessions.CommandRunnerProvider;
import io.labbench.sessions.workspace.Workspace;
import io.labbench.watch.export.ExportFormat;
import io.labbench.watch.layout.DockLayout;
import io.labbench.watch.layout.DockLayoutStore;
import io.labbench.watch.run.NetparseSnapshotReader;
import io.labbench.watch.run.WatchScheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.util.Duration;

/**
 * The watch dock as the main window uses it: its {@link WatchDockModel}, the {@link WatchDockView}
 * bound to it, and the layout file. Which watches are open, in which pane and order, their interval
 * and pause state are saved (off the JavaFX thread) a moment after they change and restored when the
 * dock is created.
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
    private final WatchDockModel model;
    private final WatchDockView view;
    private final DockLayoutStore store;
    private final ExecutorService saver = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "watch-dock-save");
        t.setDaemon(true);
        return t;
    });
    private final PauseTransition saveSoon = new PauseTransition(Duration.millis(400));

    private WatchDock(CommandRunnerProvider runners, Supplier<List<String>> endpointNames, Path configFolder) {
        NetparseSnapshotReader reader = new NetparseSnapshotReader();
        this.model = new WatchDockModel(watch -> new WatchPanelViewModel(watch, runners, reader, scheduler, Platform::runLater));
        this.store = DockLayoutStore.inConfigFolder(configFolder);
        DockLayoutStore.Loaded loaded = store.load();
        model.restore(loaded.layout());
        loaded.problem().ifPresent(model::say);
        this.view = new WatchDockView(model, endpointNames);
        saveSoon.setOnFinished(e -> saveNow());
        model.revisionProperty().addListener((obs, old, now) -> saveSoon.playFromStart());
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

    public WatchDockModel model() {
        return model;
    }

    @Override
    public void openWatch(String watchId, String endpointName) {
        model.open(watchId, endpointName);
    }

    @Override
    public Optional<String> snapshotText(String watchId, String endpointName) {
        return model.panel(watchId, endpointName).flatMap(panel -> panel.snapshotText(ExportFormat.MARKDOWN));
    }

    @Override
    public void suggest(List<Suggestion> watches) {
        model.offer(watches);
    }

    private void saveNow() {
        DockLayout layout = model.layout();
        saver.execute(() -> {
            try {
                store.save(layout);
            } catch (IOException e) {
                String message = "Could not save the dock layout to " + store.file() + ": " + e.getMessage();
                Platform.runLater(() -> model.say(message));
            }
        });
    }

    /** Waits for pending saves; used on exit so the last change is not lost. */
    public void flushSaves() {
        saveSoon.stop();
        saveNow();
        try {
            saver.submit(() -> { }).get();
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Saves the layout and stops every panel. */
    @Override
    public void close() {
        view.closeWindows();
        flushSaves();
        model.close();
        saver.shutdown();
        scheduler.close();
    }
}
