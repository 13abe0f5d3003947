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
 * scripts wait on a lock, a prompt or a slow mount looks exactly like a broken pane. After
 * {@code patience} with an untouched text buffer it hands a hint to {@code hint}; the first output,
 * before or after that, hands it an empty string (no hint). Both go through {@code ui}, the view's thread.
 */
final class QuietShellWatch implements AutoCloseable {

    private final TerminalTextBuffer buffer;
    private final Consumer<String> hint;
    private final Executor ui;
    private final AtomicBoolean printed = new AtomicBoolean();
    private final TerminalModelListener firstOutput = this::onOutput;
    private final ScheduledFuture<?> timer;

    private QuietShellWatch(TerminalTextBuffer buffer, String name, Duration patience, Consumer<String> hint,
                            Executor ui, ScheduledExecutorService clock) {
        this.buffer = buffer;
        this.hint = hint;
        this.ui = ui;
        buffer.addModelListener(firstOutput);
        long seconds = Math.max(1, patience.toSeconds());
        timer = clock.schedule(() -> {
            if (!printed.get()) {
                ui.execute(() -> hint.accept(name + " connected " + seconds + " s ago and has shown nothing yet."
                        + " Its login scripts may be waiting for input or a lock: press Enter, or check the"
                        + " shell's profile (~/.profile, ~/.bashrc) on that machine."));
            }
        }, patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts watching a terminal that has just connected. */
    static QuietShellWatch start(TerminalTextBuffer buffer, String name, Duration patience, Consumer<String> hint,
                                 Executor ui, ScheduledExecutorService clock) {
        return new QuietShellWatch(buffer, name, patience, hint, ui, clock);
    }

    // Called on the emulator's thread for every change; only the first one matters.
    private void onOutput() {
        if (printed.compareAndSet(false, true)) {
            timer.cancel(false);
            ui.execute(() -> hint.accept(""));
            // The buffer's listener list is copy-on-write, so leaving it from inside its callback is safe.
            buffer.removeModelListener(firstOutput);
        }
    }

    @Override
    public void close() {
        timer.cancel(false);
        buffer.removeModelListener(firstOutput);
    }
}
