package io.labbench.sessions.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.labbench.sessions.CommandException;
import io.labbench.sessions.ConnectionState;
import io.labbench.sessions.ConnectionStatus;
import io.labbench.sessions.SshEndpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one authenticated SSH connection of an endpoint. Terminals and command runners borrow its JSch
 * {@link Session} to open channels. It watches for drops and reconnects with backoff; failures that
 * retrying cannot fix (authentication, a refused or changed host key) stop in {@link ConnectionState#FAILED}
 * until {@link #reconnectNow()}.
 */
public final class SshConnection {

    private static final long DROP_CHECK_MILLIS = 200;
    /** The least time between two attempts that commands start while reconnecting. */
    static final Duration ON_DEMAND_SPACING = Duration.ofMillis(900);
    /** How long a command waits for an attempt under way while reconnecting before it reports the panel stale. */
    static final Duration ON_DEMAND_WAIT = Duration.ofMillis(1500);

    /** What a connection needs from the hub that owns it. */
    public record Context(SshSettings settings, HostKeyVerifier verifier, IdentityLoader identities,
                          Set<String> hostKeysAcceptedThisRun, Function<String, SshConnection> jumpConnections,
                          Executor connectExecutor, ScheduledExecutorService timer, Consumer<ConnectionStatus> statusSink) {
    }

    private final SshEndpoint endpoint;
    private final Context context;
    private final Object lock = new Object();
    private Session session;
    private ConnectionState state = ConnectionState.DISCONNECTED;
    private String detail = "not connected yet";
    private boolean connecting;
    private boolean everConnected;
    private boolean closed;
    private int failedAttempts;
    private ScheduledFuture<?> retry;
    private ScheduledFuture<?> dropWatch;
    /** When the last attempt ended (System.nanoTime), for {@link #ON_DEMAND_SPACING}. */
    private long lastAttemptEnded = System.nanoTime() - ON_DEMAND_SPACING.toNanos();
    /** Why the connection is down, without the backoff's schedule (commands start attempts of their own). */
    private String lastFailure = "connection lost";

    public SshConnection(SshEndpoint endpoint, Context context) {
        this.endpoint = endpoint;
        this.context = context;
    }

    public String endpointName() {
        return endpoint.name();
    }

    public ConnectionStatus status() {
        synchronized (lock) {
            return new ConnectionStatus(endpoint.name(), state, detail);
        }
    }

    /**
     * The connected session for a command: connects first when nothing has been tried yet, waits while
     * a first connect is under way, and fails while the endpoint is failed, so a watch can mark itself
     * stale instead of queueing. While reconnecting, a command does not wait for the backoff's next
     * attempt (which may be many seconds away when the server was down for a while): it starts one at
     * once, at most one per {@link #ON_DEMAND_SPACING}, and waits for it at most {@link #ON_DEMAND_WAIT}.
     * So a watch refreshing every second brings the connection back within about a second of the server
     * answering again, and meanwhile says it is reconnecting.
     */
    public Session sessionForCommand(Duration timeout) throws CommandException {
        long now = System.nanoTime();
        long deadline = now + timeout.toNanos();
        long reconnectWaitEnds = now + Math.min(timeout.toNanos(), ON_DEMAND_WAIT.toNanos());
        synchronized (lock) {
            while (true) {
                if (closed) {
                    throw new CommandException(CommandException.Reason.NOT_CONNECTED, endpoint.name() + ": the connection was closed");
                }
                if (session != null && session.isConnected()) {
                    return session;
                }
                if (state == ConnectionState.DISCONNECTED && !connecting) {
                    startAttemptLocked();
                } else if (state == ConnectionState.FAILED) {
                    throw new CommandException(CommandException.Reason.NOT_CONNECTED, endpoint.name() + ": " + detail);
                } else if (state == ConnectionState.RECONNECTING) {
                    if (!connecting && System.nanoTime() - lastAttemptEnded >= ON_DEMAND_SPACING.toNanos()) {
                        if (retry != null) {
                            retry.cancel(false);
                        }
                        startAttemptLocked();
                    }
                    if (!connecting || System.nanoTime() >= reconnectWaitEnds) {
                        throw new CommandException(CommandException.Reason.NOT_CONNECTED,
                                endpoint.name() + ": reconnecting… (" + lastFailure + ")");
                    }
                    waitLocked(TimeUnit.NANOSECONDS.toMillis(reconnectWaitEnds - System.nanoTime()) + 1);
                    continue;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new CommandException(CommandException.Reason.NOT_CONNECTED,
                            endpoint.name() + ": not connected within " + timeout.toMillis() + " ms (" + detail + ")");
                }
                waitLocked(TimeUnit.NANOSECONDS.toMillis(remaining) + 1);
            }
        }
    }

    /**
     * The connected session for a terminal: connects when needed and waits through reconnects and
     * failures (the pane's Reconnect button calls {@link #reconnectNow()}) until connected or
     * {@code cancelled} says the terminal was closed.
     *
     * @return empty when cancelled or when the connection was closed for good
     */
    public Optional<Session> awaitSession(BooleanSupplier cancelled) throws InterruptedException {
        synchronized (lock) {
            while (!closed && !cancelled.getAsBoolean()) {
                if (session != null && session.isConnected()) {
                    return Optional.of(session);
                }
                if (state == ConnectionState.DISCONNECTED && !connecting) {
                    startAttemptLocked();
                }
                lock.wait(250);
            }
            return Optional.empty();
        }
    }

    /** Whether the session is the live one and still connected (a shell uses it to tell exit from drop). */
    public boolean isLive(Session candidate) {
        synchronized (lock) {
            return candidate == session && candidate.isConnected();
        }
    }

    /** Connects now: the Reconnect button, or a first connect for the status bar. */
    public void reconnectNow() {
        synchronized (lock) {
            if (closed || connecting || (session != null && session.isConnected())) {
                return;
            }
            if (retry != null) {
                retry.cancel(false);
            }
            failedAttempts = 0;
            startAttemptLocked();
        }
    }

    /**
     * Connects now if this connection sits waiting for its next retry and its server accepts TCP
     * again. A lab on this machine calls it while it reports its nodes up, so a terminal with no watch on
     * its node (watches start attempts of their own) is back within a second of its node instead of
     * after the rest of the backoff, up to 30 s. Only a direct endpoint is probed, on its own host and
     * port; one behind a ProxyJump or an ssh_config alias keeps its backoff.
     *
     * @return whether it started an attempt
     */
    public boolean reconnectIfAnswering(Duration probeTimeout) {
        synchronized (lock) {
            if (closed || connecting || state != ConnectionState.RECONNECTING) {
                return false;
            }
        }
        if (endpoint.jumpEndpointName().isPresent() || endpoint.sshConfigAlias().isPresent()) {
            return false;
        }
        try (java.net.Socket probe = new java.net.Socket()) {
            probe.connect(new java.net.InetSocketAddress(endpoint.host(), endpoint.port()), (int) probeTimeout.toMillis());
        } catch (IOException e) {
            return false;
        }
        reconnectNow();
        return true;
    }

    public void close() {
        Session toClose;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = session;
            session = null;
            if (retry != null) {
                retry.cancel(false);
            }
            if (dropWatch != null) {
                dropWatch.cancel(false);
            }
            setStateLocked(ConnectionState.CLOSED, "closed");
            lock.notifyAll();
        }
        if (toClose != null) {
            toClose.disconnect();
        }
    }

    private void startAttemptLocked() {
        connecting = true;
        setStateLocked(everConnected || failedAttempts > 0 ? ConnectionState.RECONNECTING : ConnectionState.CONNECTING,
                "connecting to " + describeTarget());
        context.connectExecutor().execute(this::attempt);
    }

    private void attempt() {
        Session opened = null;
        String failure = null;
        boolean permanent = false;
        try {
            opened = open();
        } catch (PermanentFailure e) {
            failure = e.getMessage();
            permanent = true;
        } catch (JSchException | IOException | RuntimeException e) {
            failure = describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        synchronized (lock) {
            connecting = false;
            lastAttemptEnded = System.nanoTime();
            if (closed) {
                if (opened != null) {
                    opened.disconnect();
                }
                return;
            }
            if (opened != null) {
                session = opened;
                everConnected = true;
                failedAttempts = 0;
                setStateLocked(ConnectionState.CONNECTED, "connected to " + describeTarget());
                Session watched = opened;
                dropWatch = context.timer().scheduleWithFixedDelay(() -> checkDrop(watched),
                        DROP_CHECK_MILLIS, DROP_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            } else if (permanent) {
                setStateLocked(ConnectionState.FAILED, failure);
            } else {
                failedAttempts++;
                lastFailure = (everConnected ? "connection lost; " : "") + "cannot connect: " + failure;
                scheduleRetryLocked(lastFailure);
            }
            lock.notifyAll();
        }
    }

    private void scheduleRetryLocked(String why) {
        Duration delay = context.settings().backoff().delayBefore(failedAttempts);
        setStateLocked(ConnectionState.RECONNECTING, why + "; attempt " + (failedAttempts + 1) + " in "
                + formatDelay(delay));
        retry = context.timer().schedule(() -> {
            synchronized (lock) {
                if (!closed && !connecting && (session == null || !session.isConnected())) {
                    startAttemptLocked();
                }
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkDrop(Session watched) {
        if (watched.isConnected()) {
            return;
        }
        synchronized (lock) {
            if (dropWatch != null) {
                dropWatch.cancel(false);
            }
            if (closed || session != watched) {
                return;
            }
            session = null;
            failedAttempts = 1;
            lastFailure = "connection lost";
            scheduleRetryLocked("connection lost");
            lock.notifyAll();
        }
    }

    private Session open() throws JSchException, IOException, InterruptedException, PermanentFailure {
        SshTarget target = new SshTargetResolver(context.settings()).resolve(endpoint);
        JSch jsch = new JSch();
        List<String> skippedKeys = context.identities().load(jsch, target.identityFiles(), context.settings().agentSocket());
        Session opened = jsch.getSession(target.user(), target.host(), target.port());
        CheckingHostKeyRepository hostKeys = new CheckingHostKeyRepository(
                new KnownHostsFile(context.settings().knownHostsFile()), context.verifier(), endpoint.name(),
                context.hostKeysAcceptedThisRun());
        opened.setHostKeyRepository(hostKeys);
        opened.setConfig("StrictHostKeyChecking", "yes");
        opened.setConfig("PreferredAuthentications", "publickey");
        opened.setServerAliveInterval((int) context.settings().keepAliveInterval().toMillis());
        opened.setServerAliveCountMax(context.settings().keepAliveCountMax());
        if (target.jump().isPresent()) {
            SshConnection bastion = context.jumpConnections().apply(target.jump().get());
            Session bastionSession = bastion.sessionForJump(context.settings().connectTimeout());
            opened.setProxy(new JumpChannelProxy(bastionSession));
        }
        try {
            opened.connect((int) context.settings().connectTimeout().toMillis());
            return opened;
        } catch (JSchException e) {
            opened.disconnect();
            if (hostKeys.changed().isPresent()) {
                throw new PermanentFailure(hostKeys.changed().get().advice());
            }
            if (hostKeys.refusal().isPresent()) {
                throw new PermanentFailure(hostKeys.refusal().get());
            }
            String message = String.valueOf(e.getMessage());
            if (message.contains("Auth fail") || message.contains("Auth cancel") || message.contains("USERAUTH fail")) {
                throw new PermanentFailure("authentication as " + target.user() + " on " + target.hostEntry()
                        + " failed: the server accepted none of the keys tried ("
                        + (target.identityFiles().isEmpty() ? "no key files" : target.identityFiles().toString())
                        + (context.settings().agentSocket().isPresent() ? " and ssh-agent" : "") + ")"
                        + (skippedKeys.isEmpty() ? "" : "; skipped: " + String.join("; ", skippedKeys))
                        + ". Check the endpoint's user and identityFiles, and the server's authorized_keys");
            }
            throw e;
        }
    }

    /** A bastion's session for a hop: waits for a connect under way, then fails like a command would. */
    private Session sessionForJump(Duration timeout) throws IOException {
        try {
            return sessionForCommand(timeout);
        } catch (CommandException e) {
            throw new IOException("jump host " + endpoint.name() + " is not connected: " + e.getMessage(), e);
        }
    }

    private String describeTarget() {
        return endpoint.host().isBlank() ? endpoint.sshConfigAlias().orElse(endpoint.name())
                : HostKeys.hostEntry(endpoint.host(), endpoint.port() == 0 ? 22 : endpoint.port())
                + endpoint.jumpEndpointName().map(j -> " via " + j).orElse("");
    }

    private void setStateLocked(ConnectionState newState, String newDetail) {
        state = newState;
        detail = newDetail;
        // The sink only queues the status (the hub delivers it on its own thread), so calling it under the lock is safe.
        context.statusSink().accept(new ConnectionStatus(endpoint.name(), newState, newDetail));
    }

    private void waitLocked(long millis) {
        try {
            lock.wait(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return cause == e ? message : e.getMessage() + " (" + message + ")";
    }

    private static String formatDelay(Duration delay) {
        return delay.toMillis() < 1000 ? delay.toMillis() + " ms" : (delay.toMillis() + 500) / 1000 + " s";
    }

    /** A failure retrying cannot fix. */
    private static final class PermanentFailure extends Exception {
        PermanentFailure(String message) {
            super(message);
        }
    }
}
