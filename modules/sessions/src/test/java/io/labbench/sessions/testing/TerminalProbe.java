package io.labbench.sessions.testing;

import com.techsenger.jeditermfx.core.TtyConnector;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Reads a {@link TtyConnector} on its own thread the way the terminal widget does, keeping everything
 * it printed, so a test can type and wait for text without a screen.
 */
public final class TerminalProbe implements AutoCloseable {

    private final TtyConnector connector;
    private final StringBuilder output = new StringBuilder();
    private final Thread reader;
    private final AtomicLong charsRead = new AtomicLong();
    private volatile boolean ended;
    private volatile IOException failure;

    public TerminalProbe(TtyConnector connector) {
        this.connector = connector;
        this.reader = new Thread(this::readAll, "lbt-terminal-probe-" + connector.getName());
        reader.setDaemon(true);
        reader.start();
    }

    private void readAll() {
        char[] buffer = new char[8192];
        try {
            int n;
            while ((n = connector.read(buffer, 0, buffer.length)) >= 0) {
                charsRead.addAndGet(n);
                synchronized (output) {
                    output.append(buffer, 0, n);
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            ended = true;
            synchronized (output) {
                output.notifyAll();
            }
        }
    }

    public String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    /** Output after position {@code from} (use {@link #length()} before typing to see only what follows). */
    public String outputSince(int from) {
        synchronized (output) {
            return output.substring(Math.min(from, output.length()));
        }
    }

    public int length() {
        synchronized (output) {
            return output.length();
        }
    }

    public long charsRead() {
        return charsRead.get();
    }

    /** Whether the connector's read returned -1 (the terminal ended). */
    public boolean ended() {
        return ended;
    }

    public void type(String text) throws IOException {
        connector.write(text);
    }

    /** Waits until the output after {@code from} satisfies {@code condition}; fails with the output seen. */
    public String await(int from, Predicate<String> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (true) {
                String seen = output.substring(Math.min(from, output.length()));
                if (condition.test(seen)) {
                    return seen;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || (ended && !condition.test(seen))) {
                    throw new AssertionError("terminal " + connector.getName() + ": expected " + what + " within "
                            + timeout.toSeconds() + " s" + (ended ? " (the terminal ended)" : "")
                            + (failure != null ? " (read failed: " + failure + ")" : "") + "; output was:\n" + seen);
                }
                try {
                    output.wait(Math.max(1, Math.min(200, remaining / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    public String awaitContains(int from, String text, Duration timeout) {
        return await(from, seen -> seen.contains(text), timeout, "'" + text + "'");
    }

    /** Waits for the reader thread to finish (after the terminal ended). */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        reader.join(timeout.toMillis());
        return ended;
    }

    @Override
    public void close() {
        connector.close();
    }
}
