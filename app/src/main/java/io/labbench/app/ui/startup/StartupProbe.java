package io.labbench.app.ui.startup;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Measures start-up for {@code --startup-probe}: the milliseconds from the JVM's start (as the
 * RuntimeMXBean records it) to the first pulse that laid out the shown window, i.e. its first frame.
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    /** Milliseconds since the JVM started. */
    public static long millisSinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /**
     * Calls {@code onFirstFrame} once, on the JavaFX thread, after the first pulse that happens while
     * the scene's window is showing.
     */
    public static void onFirstFrame(Scene scene, LongConsumer onFirstFrame) {
        AtomicBoolean done = new AtomicBoolean();
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (scene.getWindow() != null && scene.getWindow().isShowing() && done.compareAndSet(false, true)) {
                long elapsed = millisSinceJvmStart();
                // The listener cannot remove itself while the pulse iterates the listeners.
                Platform.runLater(() -> {
                    scene.removePostLayoutPulseListener(listener[0]);
                    onFirstFrame.accept(elapsed);
                });
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }
}
