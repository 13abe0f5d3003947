package io.labbench.app.ui;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;

/**
 * Ctrl-C in the terminal that started the app, {@code kill}, or a logout's SIGHUP end the app the way
 * closing its window does: the layout is saved, transcripts are closed, and the local lab's daemon —
 * which runs detached so that it survives the app's own crashes — is taken down instead of being left
 * running with its namespaces.
 *
 * <p>Why a signal handler and not only a shutdown hook: JavaFX's toolkit has its own shutdown hook, and
 * hooks run side by side, so by the time ours asked the JavaFX thread to save the layout the toolkit was
 * often gone. Handling the signal first closes the window while JavaFX still runs; the hook stays for
 * exits without a signal we handle (e.g. a JVM started with {@code -Xrs}), where it takes the lab down
 * without JavaFX. {@code sun.misc.Signal} is the JDK's supported-but-unofficial way to do this (module
 * {@code jdk.unsupported}); there is no public API for it.
 */
final class CloseOnSignal {

    private static final List<String> SIGNALS = List.of("TERM", "INT", "HUP");

    private CloseOnSignal() {
    }

    /** @param patience how long the close may take (the local lab's stop waits up to 20 s for its daemon) */
    static void install(Workbench workbench, Duration patience) {
        java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
        for (String name : SIGNALS) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (!closing.compareAndSet(false, true)) {
                        // a second Ctrl-C must not cut the lab's stop short and leave its namespaces behind
                        System.err.println("LabBench: still closing (taking the local lab down); kill -9 "
                                + ProcessHandle.current().pid() + " ends it at once, then run `labbench lab down`.");
                        return;
                    }
                    Thread closer = new Thread(() -> {
                        workbench.closeWithoutRequest(patience);
                        System.exit(128 + signal.getNumber());
                    }, "close-on-SIG" + name);
                    closer.start();
                });
            } catch (IllegalArgumentException reservedByTheJvm) {
                log().log(Level.FINE, "SIG{0} stays with the JVM ({1}); the shutdown hook closes the lab instead",
                        new Object[] {name, reservedByTheJvm.getMessage()});
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> workbench.closeWithoutRequest(patience), "close-on-exit"));
    }

    // Fetched when a message is logged, not when the class loads: this class runs before the first frame, and the
    // first java.util.logging use looks for a logging back-end in every jar on the class path (DesktopLauncher says
    // which thread does that instead).
    private static Logger log() {
        return Logger.getLogger(CloseOnSignal.class.getName());
    }
}
