package io.labbench.app.terminals;

import io.labbench.app.shell.TerminalDirectory;
import io.labbench.sessions.ConnectionState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The open terminal sessions by name ({@code master}, {@code kubectl}, {@code pod:pod-1}). Opening a
 * name connects it off the caller's thread through the {@link TerminalLinkFactory}; typing waits for the
 * connection; closing ends the session. Until {@link #startConnecting()} opened names only queue, so the
 * window's first frame does not compete with four shells and SSH handshakes.
 *
 * <p>The lab wizard types through this registry ({@link TerminalDirectory}); where a terminal shows up
 * on screen is not its business: {@link #onShow} is told which name to bring forward (the terminal
 * area opens a pane for it). Call its methods from one thread (the JavaFX thread in the app).
 */
public final class TerminalRegistry implements TerminalDirectory {


    private final TerminalLinkFactory links;
    private final Executor background;
    private final Map<String, Entry> open = new LinkedHashMap<>();
    private Consumer<String> show = name -> { };
    private boolean connecting;

    /** One name's session: the future of its link and who hears about its state. */
    private record Entry(CompletableFuture<TerminalLink> link, TerminalLink.StateListener listener) {
    }

    public TerminalRegistry(TerminalLinkFactory links, Executor background) {
        this.links = links;
        this.background = background;
    }

    /** Where terminals the wizard types into are brought forward (opened first when need be). */
    public void onShow(Consumer<String> show) {
        this.show = show;
    }

    /**
     * Opens the session called {@code name}, or gives the one already open. {@code listener} hears its
     * connection state (from any thread).
     */
    public CompletableFuture<TerminalLink> open(String name, TerminalLink.StateListener listener) {
        Entry existing = open.get(name);
        if (existing != null) {
            return existing.link();
        }
        Entry entry = new Entry(new CompletableFuture<>(), listener);
        open.put(name, entry);
        if (connecting) {
            connect(name, entry);
        }
        return entry.link();
    }

    private void connect(String name, Entry entry) {
        entry.listener().stateChanged(ConnectionState.CONNECTING, "");
        CompletableFuture.runAsync(() -> {
            try {
                TerminalLink link = links.open(name, 80, 24, entry.listener());
                if (!entry.link().complete(link)) {
                    link.close(); // closed while it connected
                }
            } catch (IOException | RuntimeException e) {
                entry.link().completeExceptionally(e);
                entry.listener().stateChanged(ConnectionState.FAILED, "Could not open " + name + ": " + e.getMessage());
            }
        }, background);
    }

    /** Starts connecting every session opened so far, and from now on each new one at once. */
    public void startConnecting() {
        if (connecting) {
            return;
        }
        connecting = true;
        open.forEach(this::connect);
    }

    public boolean isOpen(String name) {
        return open.containsKey(name);
    }

    /** The session of {@code name} once it is connected. */
    public Optional<TerminalLink> link(String name) {
        Entry entry = open.get(name);
        if (entry == null || !entry.link().isDone() || entry.link().isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(entry.link().join());
    }

    /** Completes when {@code name} is connected; empty when no such session is open. */
    public Optional<CompletableFuture<TerminalLink>> whenConnected(String name) {
        return Optional.ofNullable(open.get(name)).map(Entry::link);
    }

    /**
     * Starts a new session for {@code name} in place of the current one (its shell exited, or the
     * machine behind it was replaced). The same listener keeps hearing about it.
     */
    public CompletableFuture<TerminalLink> reopen(String name) {
        Entry old = open.remove(name);
        TerminalLink.StateListener listener = old == null ? (state, message) -> { } : old.listener();
        if (old != null) {
            end(old);
        }
        return open(name, listener);
    }

    /** Reconnects a dropped session in place; gives false when it has ended and needs {@link #reopen}. */
    public boolean reconnect(String name) {
        Optional<TerminalLink> link = link(name);
        if (link.isEmpty() || link.get().ended()) {
            return false;
        }
        link.get().reconnect();
        return true;
    }

    /** Ends the session of {@code name} (its pane closed). */
    public void close(String name) {
        Entry entry = open.remove(name);
        if (entry != null) {
            end(entry);
        }
    }

    /** Ends every session (the window closes). */
    public void closeAll() {
        new ArrayList<>(open.keySet()).forEach(this::close);
    }

    private static void end(Entry entry) {
        // A session still connecting is closed as soon as it arrives (see connect).
        if (!entry.link().cancel(false) && !entry.link().isCompletedExceptionally()) {
            entry.link().join().close();
        }
    }

    // ---- what the lab wizard uses

    /** Names of the open sessions, in the order they were opened. */
    @Override
    public List<String> names() {
        return List.copyOf(open.keySet());
    }

    /** Names the workspace can open (its endpoints); {@code pod:…} shells come on top. */
    public List<String> knownNames() {
        return links.knownNames();
    }

    /**
     * Types {@code text} into the named session, as if the learner typed it (never broadcast), once it
     * is connected. A known name that is not open is opened (and shown) first.
     *
     * @throws IllegalArgumentException when the workspace has no terminal of that name
     */
    @Override
    public void type(String terminalName, String text, boolean pressEnter) {
        ensureOpen(terminalName);
        byte[] keys = (pressEnter ? text + "\r" : text).getBytes(StandardCharsets.UTF_8);
        Entry entry = open.get(terminalName);
        entry.link().thenAccept(link -> {
            try {
                link.connector().write(keys);
            } catch (IOException e) {
                log().warning("Typing into " + terminalName + " failed: " + e.getMessage());
                entry.listener().stateChanged(ConnectionState.FAILED,
                        "Typing into " + terminalName + " failed: " + e.getMessage());
            }
        });
        show.accept(terminalName);
    }

    @Override
    public void focus(String terminalName) {
        ensureOpen(terminalName);
        show.accept(terminalName);
    }

    @Override
    public List<String> recentLines(String terminalName, int maxLines) {
        return link(terminalName).map(link -> link.recentLines(maxLines)).orElse(List.of());
    }

    private void ensureOpen(String name) {
        if (open.containsKey(name)) {
            return;
        }
        if (!knownNames().contains(name) && !name.startsWith("pod:")) {
            throw new IllegalArgumentException("No terminal named " + name + "; the workspace knows "
                    + knownNames() + " (add an endpoint in Edit > Endpoints)");
        }
        // The screen opens a pane, which opens the session; with no screen attached, open it here.
        show.accept(name);
        if (!open.containsKey(name)) {
            open(name, (state, message) -> { });
        }
    }

    // Fetched when a message is logged, not when the class loads: this class runs before the first frame, and the
    // first java.util.logging use looks for a logging back-end in every jar on the class path (DesktopLauncher says
    // which thread does that instead).
    private static Logger log() {
        return Logger.getLogger(TerminalRegistry.class.getName());
    }
}
