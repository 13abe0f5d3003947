package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.model.TerminalModelListener;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Notices a terminal that has connected but shown nothing at all for a while: a shell whose login
 * scripts wait on a lock, a prompt or a slow mount looks exactly like a broken pane. If the text buffer
 * is still blank after {@code patience} it hands a hint to {@code hint}, and an empty string (no hint)
 * once something shows. Both go through {@code ui}, the view's thread.
 *
 * <p>It looks at the text rather than at the buffer's change events because laying out the pane
 * (resizing the buffer) fires those too, before the shell has said anything.
 */
final class QuietShellWatch implements AutoCloseable {

    private final TerminalTextBuffer buffer;
    private final Consumer<String> hint;
    private final Executor ui;
    private final AtomicBoolean hintShown = new AtomicBoolean();
    private final TerminalModelListener watchForText = this::clearOnceSomethingShows;
    private final ScheduledFuture<?> timer;

    private QuietShellWatch(TerminalTextBuffer buffer, String name, Duration patience, Consumer<String> hint,
                            Executor ui, ScheduledExecutorService clock) {
        this.buffer = buffer;
        this.hint = hint;
        this.ui = ui;
        long seconds = Math.max(1, patience.toSeconds());
        String text = name + " has shown nothing in the " + seconds + " s since it connected: its login scripts"
                + " may be waiting for input or a lock. Press Enter, or check ~/.profile and ~/.bashrc there.";
        timer = clock.schedule(() -> {
            if (!showsAnything()) {
                hintShown.set(true);
                ui.execute(() -> hint.accept(text));
                buffer.addModelListener(watchForText);
                // Output may have arrived between the look and the listener.
                clearOnceSomethingShows();
            }
        }, patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts watching a terminal that has just connected. */
    static QuietShellWatch start(TerminalTextBuffer buffer, String name, Duration patience, Consumer<String> hint,
                                 Executor ui, ScheduledExecutorService clock) {
        return new QuietShellWatch(buffer, name, patience, hint, ui, clock);
    }

    // On the emulator's thread for every change while the hint shows.
    private void clearOnceSomethingShows() {
        if (showsAnything() && hintShown.compareAndSet(true, false)) {
            // The buffer's listener list is copy-on-write, so leaving it from inside its callback is safe.
            buffer.removeModelListener(watchForText);
            ui.execute(() -> hint.accept(""));
        }
    }

    private boolean showsAnything() {
        buffer.lock();
        try {
            if (buffer.getHistoryLinesCount() > 0) {
                return true;
            }
            for (int row = 0; row < buffer.getScreenLinesCount(); row++) {
                // Blank cells may hold NULs as well as spaces.
                if (buffer.getLine(row).getText().chars().anyMatch(c -> c > ' ')) {
                    return true;
                }
            }
            return false;
        } finally {
            buffer.unlock();
        }
    }

    @Override
    public void close() {
        timer.cancel(false);
        buffer.removeModelListener(watchForText);
    }
}
