package io.labbench.watch.run;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every watch shares: one timer thread that only decides when, and a pool that runs the
 * blocking commands so that one slow node cannot delay the other panels. Daemon threads: an open
 * panel never keeps the app from exiting.
 */
public final class WatchScheduler implements AutoCloseable {

    private final ScheduledExecutorService timer;
    private final ExecutorService commands;

    public WatchScheduler() {
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("watch-timer"));
        this.commands = Executors.newCachedThreadPool(daemon("watch-run"));
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    ExecutorService commands() {
        return commands;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        commands.shutdownNow();
        try {
            commands.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
