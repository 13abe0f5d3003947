package io.labbench.app.locallab;

import io.labbench.app.terminals.SessionTerminalLinks;
import io.labbench.app.terminals.TerminalLink;
import io.labbench.app.terminals.TerminalLinkFactory;
import io.labbench.sessions.CommandException;
import io.labbench.sessions.CommandResult;
import io.labbench.sessions.CommandRunner;
import io.labbench.sessions.CommandRunnerProvider;
import io.labbench.sessions.RemoteFileException;
import io.labbench.sessions.RemoteFiles;
import io.labbench.sessions.RemoteFilesProvider;
import io.labbench.sessions.SessionHub;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Terminals and command runners whose sessions exist only once the local lab is up. The window opens
 * at once; a terminal opened before the lab is ready waits for it (terminals connect off the JavaFX
 * thread), and a watch or check run before then reports "not connected" and retries like after a drop.
 * A re-roll of the lab {@link #replace replaces} the hub: runners handed out earlier follow it.
 */
public final class DeferredSessions implements TerminalLinkFactory, CommandRunnerProvider, RemoteFilesProvider {

    private volatile CompletableFuture<SessionHub> hub;
    private final List<String> names;
    private final Duration patience;
    private volatile Map<String, String> targetNames = Map.of();

    public DeferredSessions(CompletableFuture<SessionHub> hub, List<String> names, Duration patience) {
        this.hub = hub;
        this.names = List.copyOf(names);
        this.patience = patience;
    }

    /**
     * Points every later terminal and command at {@code next} (the hub of a re-rolled lab, still
     * pending while the lab comes back) and returns the previous one for the caller to close.
     */
    public CompletableFuture<SessionHub> replace(CompletableFuture<SessionHub> next) {
        CompletableFuture<SessionHub> previous = hub;
        hub = next;
        return previous;
    }

    @Override
    public List<String> knownNames() {
        return hubIfUp().map(up -> up.workspace().endpointNames()).orElse(names);
    }

    /** The lab's sessions when the lab is up now: not starting, re-rolling or failed. */
    private Optional<SessionHub> hubIfUp() {
        CompletableFuture<SessionHub> now = hub;
        return now.isDone() && !now.isCompletedExceptionally() ? Optional.of(now.join()) : Optional.empty();
    }

    @Override
    public TerminalLink open(String name, int columns, int rows, TerminalLink.StateListener listener) throws IOException {
        return new SessionTerminalLinks(awaitHub(), targetNames).open(name, columns, rows, listener);
    }

    /** Files on a lab machine (kops-ec2's kubeconfig); a read before the lab is up says to wait for it. */
    @Override
    public Optional<RemoteFiles> files(String endpointName) {
        if (!names.contains(endpointName)) {
            return Optional.empty();
        }
        return Optional.of(new RemoteFiles() {
            @Override
            public String endpointName() {
                return endpointName;
            }

            @Override
            public byte[] read(String path, int maxBytes, Duration timeout) throws RemoteFileException {
                SessionHub up = hubIfUp().orElseThrow(() -> new RemoteFileException(RemoteFileException.Reason.NOT_CONNECTED,
                        "the local lab is not up yet; wait for \"Local lab up\" in the status bar, then try again"));
                RemoteFiles real = up.files(endpointName).orElseThrow(() -> new RemoteFileException(
                        RemoteFileException.Reason.NOT_CONNECTED, "the local lab has no machine " + endpointName));
                return real.read(path, maxBytes, timeout);
            }
        });
    }

    /** How the pane headers name the lab's machines; set before the hub completes. */
    public void nameTargets(Map<String, String> names) {
        targetNames = Map.copyOf(names);
    }

    private SessionHub awaitHub() throws IOException {
        CompletableFuture<SessionHub> hub = this.hub;
        try {
            return hub.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the local lab", e);
        } catch (ExecutionException e) {
            throw new IOException("the local lab did not start: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the local lab is still not up after " + patience.toSeconds()
                    + " s; see the status bar, then press Reconnect", e);
        }
    }

    @Override
    public Optional<CommandRunner> runner(String endpointName) {
        if (hubIfUp().map(up -> up.runner(endpointName).isEmpty()).orElse(false)) {
            return Optional.empty();
        }
        // a delegating runner even once up: a watch keeps its runner, and after a re-roll it must reach the new lab
        return Optional.of(new CommandRunner() {
            @Override
            public String endpointName() {
                return endpointName;
            }

            @Override
            public CommandResult run(String command, Duration timeout) throws CommandException {
                SessionHub up = hubIfUp().orElseThrow(() -> new CommandException(CommandException.Reason.NOT_CONNECTED,
                        endpointName + " is not reachable yet: the local lab is starting (or re-rolling its nodes)"));
                CommandRunner real = up.runner(endpointName).orElseThrow(() -> new CommandException(
                        CommandException.Reason.NOT_CONNECTED, "the local lab has no endpoint " + endpointName));
                return real.run(command, timeout);
            }
        });
    }
}
