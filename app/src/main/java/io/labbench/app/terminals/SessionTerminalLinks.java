package io.labbench.app.terminals;

import com.techsenger.jeditermfx.core.TtyConnector;
import io.labbench.sessions.ConnectionState;
import io.labbench.sessions.Endpoint;
import io.labbench.sessions.LocalShellEndpoint;
import io.labbench.sessions.SessionHub;
import io.labbench.sessions.SshEndpoint;
import io.labbench.sessions.TerminalSession;
import io.labbench.sessions.TerminalStatus;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Terminals over the sessions module: each pane gets a {@link TerminalSession} from the workspace's
 * {@link SessionHub} (shared SSH connection per endpoint, local ptys, transcripts, reconnects). A pane
 * named after no endpoint ({@code local}, {@code local-2}) runs on the workspace's first local shell.
 */
public final class SessionTerminalLinks implements TerminalLinkFactory {

    private final SessionHub hub;
    private final Map<String, String> targetNames;

    public SessionTerminalLinks(SessionHub hub) {
        this(hub, Map.of());
    }

    /**
     * @param targetNames how to name an endpoint's target in its pane header when its SSH address says
     *                    little (the local lab's nodes all listen on 127.0.0.1); others are described
     *                    from the endpoint. The machine's addresses come from the workspace either way.
     */
    public SessionTerminalLinks(SessionHub hub, Map<String, String> targetNames) {
        this.hub = hub;
        this.targetNames = Map.copyOf(targetNames);
    }

    public SessionHub hub() {
        return hub;
    }

    @Override
    public List<String> knownNames() {
        return hub.workspace().endpointNames();
    }

    @Override
    public TerminalLink open(String name, int columns, int rows, TerminalLink.StateListener listener) throws IOException {
        String endpoint = endpointFor(name).orElseThrow(() -> new IOException("the workspace "
                + hub.workspace().name() + " has no endpoint " + name + " and no local shell to open it on;"
                + " add one in File > Edit endpoints"));
        TerminalSession session;
        try {
            session = hub.openTerminal(name, endpoint, columns, rows);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
        session.addStatusListener(status -> listener.stateChanged(stateOf(status), bannerText(name, status)));
        if (name.startsWith(POD_PREFIX)) {
            // A pod shell is kubectl exec in the workspace's kubectl shell; exec so that leaving the pod
            // closes the tab instead of dropping back to the host shell.
            session.write(podShellCommand(name.substring(POD_PREFIX.length())) + "\r");
        }
        String target = Optional.ofNullable(targetNames.get(endpoint))
                .orElseGet(() -> describe(hub.workspace().endpoint(endpoint).orElseThrow()));
        // a pod shell runs on the kubectl endpoint: the addresses are the machine's, not the pod's
        String addresses = name.startsWith(POD_PREFIX) ? ""
                : hub.workspace().addressesOf(endpoint).map(io.labbench.sessions.workspace.NodeAddresses::label).orElse("");
        return new SessionLink(session, target, addresses);
    }

    /** Terminal names {@code pod:NAME} or {@code pod:NAMESPACE/NAME} open a shell in that pod. */
    static final String POD_PREFIX = "pod:";

    static String podShellCommand(String pod) {
        int slash = pod.indexOf('/');
        String namespace = slash < 0 ? "" : " -n " + pod.substring(0, slash);
        String podName = slash < 0 ? pod : pod.substring(slash + 1);
        return "exec kubectl exec -it" + namespace + " " + podName + " -- zsh";
    }

    private Optional<String> endpointFor(String name) {
        if (hub.workspace().endpoint(name).isPresent()) {
            return Optional.of(name);
        }
        if (name.startsWith(POD_PREFIX)) {
            return hub.workspace().endpoint("kubectl").map(e -> "kubectl")
                    .or(() -> hub.workspace().endpoints().stream().filter(LocalShellEndpoint.class::isInstance)
                            .map(Endpoint::name).findFirst());
        }
        if (name.startsWith("local")) {
            return hub.workspace().endpoints().stream()
                    .filter(LocalShellEndpoint.class::isInstance).map(Endpoint::name).findFirst();
        }
        return Optional.empty();
    }

    static String describe(Endpoint endpoint) {
        if (endpoint instanceof SshEndpoint ssh) {
            String host = ssh.host().isBlank() ? ssh.sshConfigAlias().orElse("?") : ssh.host();
            String where = (ssh.user().isBlank() ? "" : ssh.user() + "@") + host
                    + (ssh.port() == 0 || ssh.port() == SshEndpoint.DEFAULT_PORT ? "" : ":" + ssh.port());
            return ssh.jumpEndpointName().map(jump -> where + " via " + jump).orElse(where);
        }
        return "local shell";
    }

    static ConnectionState stateOf(TerminalStatus status) {
        if (status instanceof TerminalStatus.Connected || status instanceof TerminalStatus.Reconnected) {
            return ConnectionState.CONNECTED;
        }
        if (status instanceof TerminalStatus.Connecting) {
            return ConnectionState.CONNECTING;
        }
        if (status instanceof TerminalStatus.Dropped || status instanceof TerminalStatus.Reconnecting) {
            return ConnectionState.RECONNECTING;
        }
        if (status instanceof TerminalStatus.Failed) {
            return ConnectionState.FAILED;
        }
        return ConnectionState.CLOSED;
    }

    /** The drop banner's sentence: what happened and what the user can do. */
    static String bannerText(String name, TerminalStatus status) {
        if (status instanceof TerminalStatus.ClosedByExit exited) {
            return "The shell of " + name + " ended (exit code " + exited.exitCode() + "). Reconnect starts a new one.";
        }
        if (status instanceof TerminalStatus.Closed) {
            return "";
        }
        return status.message();
    }

    private static final class SessionLink implements TerminalLink {
        private final TerminalSession session;
        private final String target;
        private final String addresses;

        SessionLink(TerminalSession session, String target, String addresses) {
            this.session = session;
            this.target = target;
            this.addresses = addresses;
        }

        @Override
        public String addresses() {
            return addresses;
        }

        @Override
        public TtyConnector connector() {
            return session;
        }

        @Override
        public String target() {
            return target;
        }

        @Override
        public boolean ended() {
            return session.status().ended();
        }

        @Override
        public void reconnect() {
            session.reconnectNow();
        }

        @Override
        public List<String> recentLines(int maxLines) {
            return session.recentLines(maxLines);
        }

        @Override
        public Optional<java.nio.file.Path> transcriptFile() {
            return session.transcriptFile();
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
