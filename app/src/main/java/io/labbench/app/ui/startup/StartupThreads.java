package io.labbench.app.ui.startup;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs start-up work that needs no JavaFX toolkit (reading files, loading fonts) on its own thread while
 * the toolkit starts or the JavaFX thread builds the window. Not the common pool: on two cores it has
 * one worker, which would queue these jobs one behind the other.
 */
public final class StartupThreads {

    private StartupThreads() {
    }

    public static <T> CompletableFuture<T> supply(String name, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, job -> {
            Thread thread = new Thread(job, name);
            thread.setDaemon(true);
            thread.start();
        });
    }
}
