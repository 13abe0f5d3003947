package io.labbench.sessions;

import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.util.TermSize;
import io.labbench.sessions.terminal.ShellConnector;
import io.labbench.sessions.terminal.ShellEnd;
import io.labbench.sessions.terminal.ShellOpener;
import io.labbench.sessions.transcript.TranscriptRecorder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One terminal pane's session, given to the JediTermFX widget as its {@link TtyConnector}. It outlives
 * the shells under it: when the connection drops it reports {@link TerminalStatus.Dropped}, waits while
 * the endpoint reconnects, starts a new shell and reports {@link TerminalStatus.Reconnected}; the
 * widget keeps reading from the same object, so its scrollback stays. A shell that exits (the user
 * typed {@code exit}) ends the session with {@link TerminalStatus.ClosedByExit} instead.
 *
 * <p>The widget's reader thread does the connecting inside {@link #read}, so nothing here blocks the
 * JavaFX thread. Status listeners are called on background threads: marshal with
 * {@code Platform.runLater}. Output is recorded by the session's {@link TranscriptRecorder}.
 *
 * <p>What is typed (or sent by the guide's Run button) before a shell has printed anything is held and
 * sent when its first output arrives, the login's banner or prompt: by then the server has set up the pty
 * and the shell or its login owns it. Typed earlier, a line could be echoed before the prompt and then
 * again by the shell's line editor, or lost where the start-up discards typeahead (as {@code login} and
 * {@code getty} do). A shell that prints nothing for {@link #FIRST_OUTPUT_WAIT} gets the held input anyway,
 * and the log says so.
 */
public final class TerminalSession implements TtyConnector, AutoCloseable {

    private static final long RETRY_SHELL_MILLIS = 5000;
    /** How long input typed into a new shell waits for the shell's first output before it is sent anyway. */
    public static final Duration FIRST_OUTPUT_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(TerminalSession.class.getName());

    private final String name;
    private final ShellOpener opener;
    private final TranscriptRecorder recorder;
    private final Object lock = new Object();
    private final CopyOnWriteArrayList<Consumer<TerminalStatus>> listeners = new CopyOnWriteArrayList<>();
    /** Typed while no shell had printed anything yet: sent at the shell's first output (or after the wait). */
    private final ByteArrayOutputStream heldInput = new ByteArrayOutputStream();
    private final Duration firstOutputWait;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Subscription connectionSubscription;
    private volatile ShellConnector shell;
    private volatile TermSize size;
    private volatile TerminalStatus status;
    private volatile boolean closed;
    private volatile int exitCode = -1;
    private boolean everStarted;
    /** Whether the current shell has printed something (or the wait for it ran out): typed input goes straight to it. */
    private volatile boolean shellSpoke;

    public TerminalSession(String name, ShellOpener opener, TranscriptRecorder recorder, TermSize initialSize) {
        this(name, opener, recorder, initialSize, FIRST_OUTPUT_WAIT);
    }

    /** @param firstOutputWait how long typed input waits for a new shell's first output before it is sent anyway */
    public TerminalSession(String name, ShellOpener opener, TranscriptRecorder recorder, TermSize initialSize,
                           Duration firstOutputWait) {
        this.firstOutputWait = firstOutputWait;
        this.name = name;
        this.opener = opener;
        this.recorder = recorder;
        this.size = initialSize;
        this.status = new TerminalStatus.Connecting("connecting to " + opener.endpointName());
        this.connectionSubscription = opener.onConnectionStatus(this::connectionChanged);
    }

    /** The pane's name, e.g. {@code worker1} or {@code kubectl}. */
    public String name() {
        return name;
    }

    public String endpointName() {
        return opener.endpointName();
    }

    public TerminalStatus status() {
        return status;
    }

    /** Calls {@code listener} with the current status now and with every change until the subscription is closed. */
    public Subscription addStatusListener(Consumer<TerminalStatus> listener) {
        listeners.add(listener);
        listener.accept(status);
        return () -> listeners.remove(listener);
    }

    /** Where the transcript is written, if anywhere. */
    public Optional<Path> transcriptFile() {
        return recorder.file();
    }

    /** The last lines of output, ANSI stripped and secrets masked (for the wizard and checks). */
    public List<String> recentLines(int maxLines) {
        return recorder.recentLines(maxLines);
    }

    /** Types {@code text} as if the user had, optionally pressing Enter (the wizard's "run in terminal"). */
    public void type(String text, boolean pressEnter) throws IOException {
        write(pressEnter ? text + "\r" : text);
    }

    /** Connects now instead of waiting for the next retry (the banner's Reconnect button). */
    public void reconnectNow() {
        opener.reconnectNow();
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        while (true) {
            ShellConnector current = shell;
            if (current == null) {
                current = startShell();
                if (current == null) {
                    finish(new TerminalStatus.Closed(closed ? "closed" : "the endpoint " + endpointName() + " was closed"), -1);
                    return -1;
                }
            }
            int count = current.read(buffer, offset, length);
            if (count > 0) {
                if (!shellSpoke) {
                    sendHeldInput(current, false);
                }
                recorder.output(buffer, offset, count);
                if (!current.ready()) {
                    recorder.flush();
                }
                return count;
            }
            if (count == 0) {
                continue;
            }
            if (closed) {
                return -1;
            }
            ShellEnd end = current.end();
            if (end instanceof ShellEnd.Exited exited) {
                finish(new TerminalStatus.ClosedByExit(exited.description(), exited.exitCode()), exited.exitCode());
                return -1;
            }
            String reason = ((ShellEnd.Dropped) end).reason();
            synchronized (lock) {
                shell = null;
                // Typed for the shell that died: not replayed into the next one.
                heldInput.reset();
            }
            recorder.note(reason + "; reconnecting");
            setStatus(new TerminalStatus.Dropped(reason + "; reconnecting"));
        }
    }

    /** Blocks until a shell runs; null when the session or the endpoint was closed. */
    private ShellConnector startShell() throws IOException {
        while (!closed) {
            try {
                Optional<ShellConnector> opened = opener.open(size, () -> closed);
                if (opened.isEmpty()) {
                    return null;
                }
                boolean reconnected;
                synchronized (lock) {
                    if (closed) {
                        opened.get().close();
                        return null;
                    }
                    shell = opened.get();
                    reconnected = everStarted;
                    everStarted = true;
                    shellSpoke = false;
                    // The pane may have been resized while no shell was running.
                    shell.resize(size);
                }
                ShellConnector started = opened.get();
                CompletableFuture.delayedExecutor(firstOutputWait.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> sendHeldInput(started, true));
                if (reconnected) {
                    recorder.note("reconnected; this is a new shell");
                    setStatus(new TerminalStatus.Reconnected("reconnected to " + endpointName() + "; this is a new shell"));
                } else {
                    setStatus(new TerminalStatus.Connected("connected to " + endpointName()));
                }
                return shell;
            } catch (IOException e) {
                setStatus(new TerminalStatus.Failed(e.getMessage() + "; retrying in " + RETRY_SHELL_MILLIS / 1000 + " s"));
                synchronized (lock) {
                    try {
                        lock.wait(RETRY_SHELL_MILLIS);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while waiting to start a shell", interrupted);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while connecting " + endpointName(), e);
            }
        }
        return null;
    }

    private void connectionChanged(ConnectionStatus connection) {
        if (shell != null || status.ended()) {
            return;
        }
        switch (connection.state()) {
            case CONNECTING -> setStatus(new TerminalStatus.Connecting(connection.detail()));
            case RECONNECTING -> setStatus(new TerminalStatus.Reconnecting(connection.detail()));
            case FAILED -> setStatus(new TerminalStatus.Failed(connection.detail()));
            default -> {
                // CONNECTED: the shell starting next reports it; CLOSED: read() ends the session.
            }
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        recorder.input(new String(bytes, StandardCharsets.UTF_8));
        ShellConnector current;
        synchronized (lock) {
            current = shell;
            if (current == null && everStarted) {
                // While dropped, keystrokes are discarded: replaying them into a new shell could run stale commands.
                return;
            }
            if (current == null || !shellSpoke) {
                // Typed (or sent by the wizard) before the shell printed anything: deliver it when it does.
                heldInput.write(bytes);
                return;
            }
        }
        try {
            current.write(bytes);
        } catch (IOException e) {
            // A key pressed just as the connection died: the read side reports the drop; nothing to tell the widget.
            if (current.isConnected()) {
                throw e;
            }
        }
    }

    /**
     * Sends what was typed before {@code speaker}, still the current shell, printed anything: at its first
     * output, or when the wait for it ran out ({@code waitedOut}). Under the lock, so that later keystrokes
     * cannot overtake it.
     */
    private void sendHeldInput(ShellConnector speaker, boolean waitedOut) {
        synchronized (lock) {
            if (shell != speaker || shellSpoke) {
                return;
            }
            shellSpoke = true;
            if (heldInput.size() == 0) {
                return;
            }
            if (waitedOut) {
                LOG.info(() -> "terminal " + name + ": the shell on " + endpointName() + " printed nothing for "
                        + firstOutputWait.toMillis() + " ms; sending the " + heldInput.size() + " bytes typed so far anyway");
            }
            try {
                speaker.write(heldInput.toByteArray());
            } catch (IOException e) {
                // The shell died before it could take them: the read side reports how it ended.
                LOG.fine(() -> "terminal " + name + ": typed input not delivered, the shell ended: " + e.getMessage());
            } finally {
                heldInput.reset();
            }
        }
    }

    @Override
    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean isConnected() {
        return !status.ended();
    }

    @Override
    public void resize(TermSize newSize) {
        size = newSize;
        ShellConnector current = shell;
        if (current != null) {
            current.resize(newSize);
        }
    }

    @Override
    public int waitFor() throws InterruptedException {
        ended.await();
        return exitCode;
    }

    @Override
    public boolean ready() throws IOException {
        ShellConnector current = shell;
        return current != null && current.ready();
    }

    @Override
    public String getName() {
        return name;
    }

    /** The pane was closed: stop the shell (no reconnect) and finish the transcript. */
    @Override
    public void close() {
        ShellConnector current;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            current = shell;
            lock.notifyAll();
        }
        if (current != null) {
            current.close();
        }
        finish(new TerminalStatus.Closed("closed"), exitCode);
    }

    private void finish(TerminalStatus last, int code) {
        synchronized (lock) {
            if (status.ended()) {
                return;
            }
            exitCode = code;
            status = last;
        }
        recorder.note(last.message());
        recorder.close();
        connectionSubscription.close();
        listeners.forEach(listener -> listener.accept(last));
        ended.countDown();
    }

    private void setStatus(TerminalStatus next) {
        synchronized (lock) {
            if (status.ended()) {
                return;
            }
            status = next;
        }
        listeners.forEach(listener -> listener.accept(next));
    }
}
