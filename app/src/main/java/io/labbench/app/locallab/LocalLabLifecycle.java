package io.labbench.app.locallab;

import io.labbench.locallab.LocalLabProgress;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LabStatus;
import io.labbench.locallab.daemon.LabDaemonLauncher;
import io.labbench.locallab.daemon.LabReroll;
import io.labbench.sessions.SessionHub;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The app's local lab from launch to exit: starts its daemon, re-rolls it with new settings (the
 * terminals and watches move to the new lab's sessions) and stops it. Every method blocks for
 * seconds and is called off the JavaFX thread.
 */
public final class LocalLabLifecycle {

    /** Builds the session hub of a lab that is up (its SSH endpoints, pinned host keys, kubectl shell). */
    @FunctionalInterface
    public interface HubFactory extends Function<LabStatus, SessionHub> {
    }

    /** How long a node's SSH port may take to accept a probe connection on loopback. */
    private static final Duration NODE_PROBE = Duration.ofMillis(300);

    private final DeferredSessions sessions;
    private final HubFactory hubs;
    private final Duration patience;
    private volatile LabSettings settings;
    private CompletableFuture<SessionHub> hub;
    /** The daemon the sessions are connected to (0 before the start). */
    private long connectedPid;

    /**
     * @param settings  what the lab starts with (the saved choices)
     * @param names     the terminals the window shows before the lab is up
     */
    public LocalLabLifecycle(LabSettings settings, List<String> names, HubFactory hubs, Duration patience) {
        this.settings = settings;
        this.hubs = hubs;
        this.patience = patience;
        this.hub = new CompletableFuture<>();
        this.sessions = new DeferredSessions(hub, names, patience);
    }

    /** What the window's terminals and watches use; it follows the lab across re-rolls. */
    public DeferredSessions sessions() {
        return sessions;
    }

    public LabSettings settings() {
        return settings;
    }

    /** Starts the lab's daemon (or finds it running) and connects the sessions. */
    public synchronized LabStatus start(LocalLabProgress progress) throws IOException {
        try {
            LabStatus status = LabDaemonLauncher.start(settings, progress, patience);
            connectedPid = status.pid();
            hub.complete(connect(status));
            return status;
        } catch (IOException | RuntimeException e) {
            hub.completeExceptionally(e);
            throw e;
        }
    }

    /** The sessions of a lab that is up, its machines named in the pane headers as the lab names them. */
    private SessionHub connect(LabStatus status) {
        sessions.nameTargets(LocalLabWorkspace.targetNames(status));
        return hubs.apply(status);
    }

    /**
     * Re-rolls the lab with {@code next}: the old sessions close (their nodes are gone), terminals opened
     * meanwhile wait, and the sessions of the new lab take over once it is up.
     */
    public synchronized LabStatus reroll(LabSettings next, LocalLabProgress progress) throws IOException {
        CompletableFuture<SessionHub> pending = new CompletableFuture<>();
        CompletableFuture<SessionHub> previous = sessions.replace(pending);
        hub = pending;
        closeWhenDone(previous);
        try {
            LabStatus status = LabReroll.reroll(settings, next, progress, patience);
            settings = next;
            connectedPid = status.pid();
            pending.complete(connect(status));
            return status;
        } catch (IOException | RuntimeException e) {
            pending.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * Follows a re-roll made from inside the lab ({@code kops rolling-update cluster --yes} in kops-ec2):
     * once another daemon runs the lab, the sessions move to it as after {@link #reroll}, with the settings
     * the re-roll saved. Returns the new lab's status, or empty when the lab is still the one connected.
     */
    public synchronized java.util.Optional<LabStatus> followRerollFromInside() {
        if (connectedPid == 0) {
            return java.util.Optional.empty();
        }
        LabStatus status = LabDaemonLauncher.status(settings);
        if (!status.running() || status.pid() == connectedPid) {
            return java.util.Optional.empty();
        }
        settings = io.labbench.locallab.LabSettingsFile.load(settings).settings();
        CompletableFuture<SessionHub> pending = new CompletableFuture<>();
        closeWhenDone(sessions.replace(pending));
        hub = pending;
        connectedPid = status.pid();
        pending.complete(connect(status));
        return java.util.Optional.of(status);
    }

    /**
     * While the lab the sessions are connected to reports itself up, reconnects at once the terminals
     * whose node answers again, instead of leaving them to the backoff (up to 30 s; a watch on the node
     * would hurry it, a bare terminal has none). Its nodes are on loopback, so probing them is free.
     * Returns the endpoints it hurried.
     */
    public synchronized List<String> reconnectNodesThatAnswer() {
        if (connectedPid == 0 || !hub.isDone() || hub.isCompletedExceptionally()) {
            return List.of();
        }
        LabStatus status = LabDaemonLauncher.status(settings);
        if (!status.running() || status.pid() != connectedPid) {
            return List.of();
        }
        return hub.join().reconnectWhereAnswering(NODE_PROBE);
    }

    /**
     * Closes the sessions and takes the lab down (window closed). Waits for a re-roll under way: its
     * new daemon runs detached and would otherwise outlive the app.
     */
    public synchronized void stop(Duration timeout) throws IOException {
        closeWhenDone(hub);
        LabDaemonLauncher.stop(settings, timeout);
    }

    private static void closeWhenDone(CompletableFuture<SessionHub> hub) {
        if (hub.isDone() && !hub.isCompletedExceptionally()) {
            hub.join().close();
        } else {
            hub.thenAccept(SessionHub::close);
        }
    }
}
