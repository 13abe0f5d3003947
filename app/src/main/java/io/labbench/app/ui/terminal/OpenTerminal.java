package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.TtyConnector;
import io.labbench.sessions.ConnectionState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;
import javafx.application.Platform;

/**
 * One terminal while it is open: its view-model, its widget and its link. It connects off the JavaFX
 * thread, then starts the widget on it; input goes through a {@link BroadcastingTtyConnector}.
 */
public final class OpenTerminal {

    private static final Logger LOG = Logger.getLogger(OpenTerminal.class.getName());
    /** How long a connected shell may show nothing before the pane suggests what to try. */
    private static final Duration QUIET_PATIENCE = Duration.ofSeconds(10);
    private static final ScheduledExecutorService QUIET_CLOCK = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "labbench-quiet-shells");
        t.setDaemon(true);
        return t;
    });

    private final TerminalPaneViewModel model;
    private final LabTerminalWidget widget;
    private final CompletableFuture<TerminalLink> link = new CompletableFuture<>();
    private volatile List<TtyConnector> broadcastPeers = List.of();
    private QuietShellWatch quietWatch;

    OpenTerminal(TerminalPaneViewModel model, TerminalSettings settings) {
        this.model = model;
        this.widget = new LabTerminalWidget(80, 24, settings);
    }

    /** Connects in the background; the pane shows CONNECTING until then and the reason if it fails. */
    void connect(TerminalLinkFactory factory, Executor background) {
        model.updateState(ConnectionState.CONNECTING, "");
        CompletableFuture.runAsync(() -> {
            try {
                TerminalLink opened = factory.open(model.name(), 80, 24,
                        (state, message) -> Platform.runLater(() -> model.updateState(state, message)));
                Platform.runLater(() -> start(opened));
            } catch (IOException | RuntimeException e) {
                link.completeExceptionally(e);
                Platform.runLater(() -> model.updateState(ConnectionState.FAILED,
                        "Could not open " + model.name() + ": " + e.getMessage()));
            }
        }, background);
    }

    private void start(TerminalLink opened) {
        model.targetProperty().set(opened.target());
        widget.setTtyConnector(new BroadcastingTtyConnector(opened.connector(), () -> broadcastPeers));
        widget.start();
        quietWatch = QuietShellWatch.start(widget.getTerminalTextBuffer(), model.name(), QUIET_PATIENCE,
                model.quietHintProperty()::set, Platform::runLater, QUIET_CLOCK);
        link.complete(opened);
    }

    public TerminalPaneViewModel model() {
        return model;
    }

    public LabTerminalWidget widget() {
        return widget;
    }

    /** The link once connected. */
    public Optional<TerminalLink> link() {
        return link.isDone() && !link.isCompletedExceptionally() ? Optional.of(link.join()) : Optional.empty();
    }

    /** Completes when the terminal is connected (for tests and for typing into a terminal just opened). */
    public CompletableFuture<TerminalLink> whenConnected() {
        return link;
    }

    void setBroadcastPeers(List<TtyConnector> peers) {
        this.broadcastPeers = List.copyOf(peers);
    }

    /** This pane's own connector, if connected (for the broadcast peers of other panes). */
    Optional<TtyConnector> ownConnector() {
        return link().map(TerminalLink::connector);
    }

    /** Types text into this terminal alone (never broadcast), as if the user typed it. */
    public void type(String text, boolean pressEnter) {
        String keys = pressEnter ? text + "\r" : text;
        whenConnected().thenAccept(l -> {
            try {
                l.connector().write(keys.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                LOG.warning("Typing into " + model.name() + " failed: " + e.getMessage());
                Platform.runLater(() -> model.updateState(ConnectionState.FAILED,
                        "Typing into " + model.name() + " failed: " + e.getMessage()));
            }
        });
    }

    public void reconnect() {
        link().ifPresent(TerminalLink::reconnect);
    }

    public void close() {
        if (quietWatch != null) {
            quietWatch.close();
        }
        link().ifPresent(TerminalLink::close);
        widget.close();
    }
}
