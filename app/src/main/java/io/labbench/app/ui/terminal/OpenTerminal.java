package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.TtyConnector;
import io.labbench.app.terminals.TerminalLink;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.application.Platform;

/**
 * One terminal widget while its pane is on screen: its view-model, the widget and the session it
 * shows (which the {@link io.labbench.app.terminals.TerminalRegistry} opened); input goes through a
 * {@link BroadcastingTtyConnector} so the broadcast group hears it.
 */
public final class OpenTerminal {

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

    /** Puts the widget on a connected session (the registry connected it off the JavaFX thread). */
    void start(TerminalLink opened) {
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

    /** Ends the widget; the session belongs to the registry, which ends it when the pane closes. */
    public void close() {
        if (quietWatch != null) {
            quietWatch.close();
        }
        widget.close();
    }
}
