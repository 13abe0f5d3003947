package io.labbench.app.path;

import io.labbench.app.shell.TerminalDirectory;
import io.labbench.app.shell.WatchDirectory;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * View › Packet path…: one Path window per main window, made on first use, kept (with its flow and live
 * counters) while hidden; its threads end with {@link #close()}.
 */
public final class PathWindow implements AutoCloseable {
    private final Supplier<Window> owner;
    private final Supplier<Optional<PathSource>> sources;
    private final TerminalDirectory terminals;
    private final WatchDirectory watches;
    private final EvidenceSink evidence;
    private ExecutorService background;
    private ScheduledExecutorService ticker;
    private Stage stage;
    private PathViewModel model;

    public PathWindow(Supplier<Window> owner, Supplier<Optional<PathSource>> sources, TerminalDirectory terminals,
                      WatchDirectory watches, EvidenceSink evidence) {
        this.owner = owner;
        this.sources = sources;
        this.terminals = terminals;
        this.watches = watches;
        this.evidence = evidence;
    }

    public MenuItem menuItem() {
        MenuItem item = new MenuItem("Packet path…", new FontIcon(Feather.GIT_COMMIT));
        item.setId("view-packet-path");
        item.setOnAction(e -> show());
        return item;
    }

    public void show() {
        if (stage == null) {
            background = Executors.newSingleThreadExecutor(daemon("packet-path"));
            ticker = Executors.newSingleThreadScheduledExecutor(daemon("packet-path-ticker"));
            model = new PathViewModel(sources, terminals, watches, evidence, background, Platform::runLater, ticker,
                    PathViewModel.DEFAULT_INTERVAL);
            stage = new Stage();
            stage.setTitle("Packet path — LabBench");
            Window o = owner.get();
            if (o != null) {
                stage.initOwner(o);
                if (o.getScene() != null) {
                    stage.setScene(new Scene(new PathView(model), 1280, 760));
                    stage.getScene().getStylesheets().setAll(o.getScene().getStylesheets());
                }
            }
            if (stage.getScene() == null) {
                stage.setScene(new Scene(new PathView(model), 1280, 760));
            }
            stage.setOnHidden(e -> model.liveProperty().set(false));
            model.loadPlaces();
        }
        stage.show();
        stage.toFront();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
        }
        if (background != null) {
            background.shutdownNow();
            ticker.shutdownNow();
        }
        if (stage != null) {
            stage.close();
        }
    }
}
