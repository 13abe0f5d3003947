package io.labbench.watch.testing;

import io.labbench.watch.run.WatchListener;
import io.labbench.watch.run.WatchOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Keeps every outcome and lets a test wait (generously) for one that matches. */
public final class RecordingListener implements WatchListener {

    private final List<WatchOutcome> outcomes = new ArrayList<>();

    @Override
    public synchronized void outcome(WatchOutcome outcome) {
        outcomes.add(outcome);
        notifyAll();
    }

    public synchronized List<WatchOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public synchronized int count() {
        return outcomes.size();
    }

    /** Waits until an outcome matching {@code test} arrives; fails with what did arrive otherwise. */
    public synchronized <T extends WatchOutcome> T await(Class<T> type, Predicate<T> test, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < outcomes.size(); checked++) {
                WatchOutcome o = outcomes.get(checked);
                if (type.isInstance(o) && test.test(type.cast(o))) {
                    return type.cast(o);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("No " + type.getSimpleName() + " as expected within " + timeout + "; got " + outcomes);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
