package io.labbench.sessions;

import com.techsenger.jeditermfx.core.util.TermSize;
import io.labbench.sessions.local.LocalCommandRunner;
import io.labbench.sessions.local.LocalFiles;
import io.labbench.sessions.local.LocalShellOpener;
import io.labbench.sessions.ssh.HostKeyVerifier;
import io.labbench.sessions.ssh.IdentityLoader;
import io.labbench.sessions.ssh.NodeCommandRunner;
import io.labbench.sessions.ssh.PassphrasePrompt;
import io.labbench.sessions.ssh.SftpFiles;
import io.labbench.sessions.ssh.SshCommandRunner;
import io.labbench.sessions.ssh.SshConnection;
import io.labbench.sessions.ssh.SshSettings;
import io.labbench.sessions.ssh.SshShellOpener;
import io.labbench.sessions.ssh.SshTargetResolver;
import io.labbench.sessions.terminal.ShellOpener;
import io.labbench.sessions.transcript.SecretMasker;
import io.labbench.sessions.transcript.TranscriptRecorder;
import io.labbench.sessions.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The live sessions of one workspace: one shared connection per SSH endpoint (created on first use)
 * carrying every terminal and every command of that endpoint, local shells for local endpoints, the
 * connection state of each endpoint for the status bar, and the transcripts.
 *
 * <pre>{@code
 * SessionHub hub = SessionHub.builder(workspace)
 *         .hostKeyVerifier(dialogs::askHostKey).passphrasePrompt(dialogs::askPassphrase)
 *         .transcripts(store.transcripts(workspace.name())).build();
 * TerminalSession worker1 = hub.openTerminal("worker1", 80, 24);   // widget.setTtyConnector(worker1)
 * CommandResult routes = hub.runner("worker1").orElseThrow().run("ip route", Duration.ofSeconds(5));
 * }</pre>
 * Listeners are called on a background thread of the hub, in order; marshal to the JavaFX thread.
 */
public final class SessionHub implements CommandRunnerProvider, RemoteFilesProvider, AutoCloseable {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Workspace workspace;
    private final SshSettings sshSettings;
    private final Optional<Path> transcriptDirectory;
    private final SecretMasker masker;
    private final Clock clock;
    private final IdentityLoader identities;
    private final Map<String, SshConnection> connections = new ConcurrentHashMap<>();
    private final Map<String, NodeCommandRunner> nodeRunners = new ConcurrentHashMap<>();
    private final boolean useNodeRunner;
    private final Map<String, ConnectionStatus> lastStatus = new ConcurrentHashMap<>();
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private final List<TerminalSession> terminals = new CopyOnWriteArrayList<>();
    private final ExecutorService statusDispatch;
    private final ExecutorService connectExecutor;
    private final ScheduledExecutorService timer;
    private final SshConnection.Context connectionContext;
    private volatile boolean closed;

    private record StatusListener(Optional<String> endpointName, Consumer<ConnectionStatus> consumer) {
    }

    private SessionHub(Builder builder) {
        this.workspace = builder.workspace;
        this.sshSettings = builder.sshSettings;
        this.transcriptDirectory = builder.transcriptDirectory;
        this.masker = builder.masker;
        this.clock = builder.clock;
        this.useNodeRunner = builder.nodeRunner;
        this.identities = new IdentityLoader(builder.passphrasePrompt);
        this.statusDispatch = Executors.newSingleThreadExecutor(daemon("session-hub-status"));
        this.connectExecutor = Executors.newCachedThreadPool(daemon("ssh-connect"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("ssh-timer"));
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        this.connectionContext = new SshConnection.Context(sshSettings, builder.hostKeyVerifier, identities, accepted,
                this::jumpConnection, connectExecutor, timer, this::publish);
        for (Endpoint endpoint : workspace.endpoints()) {
            lastStatus.put(endpoint.name(), endpoint instanceof LocalShellEndpoint
                    ? new ConnectionStatus(endpoint.name(), ConnectionState.CONNECTED, "local shell")
                    : new ConnectionStatus(endpoint.name(), ConnectionState.DISCONNECTED, "not connected yet"));
        }
    }

    public static Builder builder(Workspace workspace) {
        return new Builder(workspace);
    }

    public Workspace workspace() {
        return workspace;
    }

    public SshSettings sshSettings() {
        return sshSettings;
    }

    /** The masker every transcript of this hub uses; it also knows secrets typed at password prompts. */
    public SecretMasker secretMasker() {
        return masker;
    }

    @Override
    public Optional<CommandRunner> runner(String endpointName) {
        return workspace.endpoint(endpointName).map(endpoint -> endpoint instanceof SshEndpoint ssh
                ? sshRunner(ssh)
                : new LocalCommandRunner((LocalShellEndpoint) endpoint));
    }

    /** The endpoint's one runner that keeps a command runner on the node, or plain exec channels when switched off. */
    private CommandRunner sshRunner(SshEndpoint endpoint) {
        if (!useNodeRunner) {
            return new SshCommandRunner(connection(endpoint));
        }
        return nodeRunners.computeIfAbsent(endpoint.name(), name -> new NodeCommandRunner(connection(endpoint)));
    }

    /** Reads files on the endpoint: over SFTP on its shared connection for SSH, directly for a local shell. */
    @Override
    public Optional<RemoteFiles> files(String endpointName) {
        return workspace.endpoint(endpointName).map(endpoint -> endpoint instanceof SshEndpoint ssh
                ? new SftpFiles(connection(ssh))
                : new LocalFiles((LocalShellEndpoint) endpoint));
    }

    /** The endpoint's state now; unknown names read as DISCONNECTED. */
    public ConnectionStatus status(String endpointName) {
        return lastStatus.getOrDefault(endpointName,
                new ConnectionStatus(endpointName, ConnectionState.DISCONNECTED, "no such endpoint in workspace " + workspace.name()));
    }

    /** Every workspace endpoint's state, in workspace order. */
    public List<ConnectionStatus> statuses() {
        return workspace.endpointNames().stream().map(this::status).toList();
    }

    /** Follows every endpoint (including hidden ProxyJump hops). Current states are delivered first. */
    public Subscription addStatusListener(Consumer<ConnectionStatus> listener) {
        return addListener(new StatusListener(Optional.empty(), listener));
    }

    /** Follows one endpoint. Its current state is delivered first. */
    public Subscription addStatusListener(String endpointName, Consumer<ConnectionStatus> listener) {
        return addListener(new StatusListener(Optional.of(endpointName), listener));
    }

    private Subscription addListener(StatusListener listener) {
        listeners.add(listener);
        statusDispatch.execute(() -> lastStatus.values().stream()
                .filter(s -> listener.endpointName().map(s.endpointName()::equals).orElse(true))
                .forEach(listener.consumer()));
        return () -> listeners.remove(listener);
    }

    /** Starts connecting an SSH endpoint in the background (the status bar follows); no-op for local shells. */
    public void connect(String endpointName) {
        reconnectNow(endpointName);
    }

    /** Connects now instead of waiting for the next retry. */
    public void reconnectNow(String endpointName) {
        workspace.endpoint(endpointName).filter(SshEndpoint.class::isInstance)
                .ifPresent(endpoint -> connection((SshEndpoint) endpoint).reconnectNow());
    }

    /**
     * Reconnects at once every SSH endpoint that is waiting out its backoff while its server answers
     * again ({@link SshConnection#reconnectIfAnswering}); for a lab on this machine that reports its
     * nodes up. Returns the endpoints it hurried.
     */
    public List<String> reconnectWhereAnswering(java.time.Duration probeTimeout) {
        List<String> hurried = new ArrayList<>();
        for (SshConnection connection : connections.values()) {
            if (connection.reconnectIfAnswering(probeTimeout)) {
                hurried.add(connection.endpointName());
            }
        }
        return hurried;
    }

    /** A terminal named after its endpoint. */
    public TerminalSession openTerminal(String endpointName, int columns, int rows) {
        return openTerminal(endpointName, endpointName, columns, rows);
    }

    /**
     * A new terminal session on the endpoint. Returns at once; the shell starts (connecting first if
     * needed) when the widget begins reading.
     *
     * @throws IllegalArgumentException when the workspace has no such endpoint
     */
    public TerminalSession openTerminal(String terminalName, String endpointName, int columns, int rows) {
        if (closed) {
            throw new IllegalStateException("the session hub of workspace " + workspace.name() + " is closed");
        }
        Endpoint endpoint = workspace.endpoint(endpointName).orElseThrow(() -> new IllegalArgumentException(
                "workspace " + workspace.name() + " has no endpoint " + endpointName + "; it has " + workspace.endpointNames()));
        ShellOpener opener = endpoint instanceof SshEndpoint ssh
                ? new SshShellOpener(connection(ssh), (int) sshSettings.connectTimeout().toMillis(), this::addStatusListener)
                : new LocalShellOpener((LocalShellEndpoint) endpoint);
        TranscriptRecorder recorder = new TranscriptRecorder(transcriptDirectory.map(dir -> transcriptFile(dir, terminalName)),
                masker, clock, 5000);
        TerminalSession session = new TerminalSession(terminalName, opener, recorder, new TermSize(columns, rows));
        terminals.add(session);
        session.addStatusListener(status -> {
            if (status.ended()) {
                terminals.remove(session);
            }
        });
        return session;
    }

    /** Terminals opened by this hub that have not ended. */
    public List<TerminalSession> openTerminals() {
        return List.copyOf(terminals);
    }

    private Path transcriptFile(Path directory, String terminalName) {
        String safeName = terminalName.replaceAll("[^A-Za-z0-9._-]", "_");
        String stamp = LocalDateTime.now(clock).format(FILE_TIME);
        Path file = directory.resolve(safeName + "-" + stamp + ".log");
        for (int n = 2; Files.exists(file); n++) {
            file = directory.resolve(safeName + "-" + stamp + "-" + n + ".log");
        }
        return file;
    }

    private SshConnection connection(SshEndpoint endpoint) {
        return connections.computeIfAbsent(endpoint.name(), name -> new SshConnection(endpoint, connectionContext));
    }

    /** A jump hop: a workspace endpoint's shared connection, or a hidden one for a ProxyJump spec from ssh config. */
    private SshConnection jumpConnection(String nameOrSpec) {
        Optional<Endpoint> endpoint = workspace.endpoint(nameOrSpec);
        if (endpoint.isPresent() && endpoint.get() instanceof SshEndpoint ssh) {
            return connection(ssh);
        }
        return connection(SshTargetResolver.jumpSpecEndpoint(nameOrSpec));
    }

    private void publish(ConnectionStatus status) {
        if (statusDispatch.isShutdown()) {
            return;
        }
        try {
            statusDispatch.execute(() -> {
                lastStatus.put(status.endpointName(), status);
                for (StatusListener listener : listeners) {
                    if (listener.endpointName().map(status.endpointName()::equals).orElse(true)) {
                        listener.consumer().accept(status);
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The hub closed between the check and now: nobody is listening any more.
        }
    }

    /** Closes every terminal and connection and forgets the passphrases typed during this run. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        new ArrayList<>(terminals).forEach(TerminalSession::close);
        nodeRunners.values().forEach(NodeCommandRunner::close);
        connections.values().forEach(SshConnection::close);
        identities.forgetPassphrases();
        timer.shutdownNow();
        connectExecutor.shutdownNow();
        statusDispatch.shutdown();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Settings for a hub; only the workspace is required. */
    public static final class Builder {
        private final Workspace workspace;
        private SshSettings sshSettings = SshSettings.fromEnvironment();
        private HostKeyVerifier hostKeyVerifier = HostKeyVerifier.refuseUnknown();
        private PassphrasePrompt passphrasePrompt = PassphrasePrompt.none();
        private Optional<Path> transcriptDirectory = Optional.empty();
        private SecretMasker masker = SecretMasker.standard();
        private Clock clock = Clock.systemDefaultZone();
        private boolean nodeRunner = !"off".equalsIgnoreCase(System.getenv("LABBENCH_NODE_RUNNER"));

        private Builder(Workspace workspace) {
            this.workspace = Objects.requireNonNull(workspace, "workspace");
        }

        public Builder sshSettings(SshSettings settings) {
            this.sshSettings = Objects.requireNonNull(settings);
            return this;
        }

        public Builder hostKeyVerifier(HostKeyVerifier verifier) {
            this.hostKeyVerifier = Objects.requireNonNull(verifier);
            return this;
        }

        public Builder passphrasePrompt(PassphrasePrompt prompt) {
            this.passphrasePrompt = Objects.requireNonNull(prompt);
            return this;
        }

        /** Where each terminal's transcript goes (usually {@code WorkspaceStore.transcripts(name)}); none when unset. */
        public Builder transcripts(Path directory) {
            this.transcriptDirectory = Optional.of(directory);
            return this;
        }

        public Builder secretMasker(SecretMasker secretMasker) {
            this.masker = Objects.requireNonNull(secretMasker);
            return this;
        }

        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock);
            return this;
        }

        /**
         * Whether SSH endpoints' commands go through a command runner kept on the node ({@code node-runner.pl},
         * see {@link NodeCommandRunner}); on by default, off with {@code LABBENCH_NODE_RUNNER=off}, which makes
         * every command a plain exec channel as before.
         */
        public Builder nodeRunner(boolean use) {
            this.nodeRunner = use;
            return this;
        }

        public SessionHub build() {
            return new SessionHub(this);
        }
    }
}
