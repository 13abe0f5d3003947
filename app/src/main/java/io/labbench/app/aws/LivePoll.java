package io.labbench.app.aws;

import io.labbench.aws.AwsFailure;
import io.labbench.aws.AwsProblems;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Repeats a read on a background thread of its own while started, and hands each outcome to the
 * JavaFX thread: the result, or the learner-facing explanation of the failure. A read that takes
 * longer than the period delays the next one rather than piling up behind it. Where the data source
 * can say when it changed (a change listener), {@link #now} is the call to make from it.
 */
final class LivePoll<T> {

    private final FxWork.Call<T> read;
    private final Consumer<T> onResult;
    private final Consumer<String> onProblem;
    private final Duration period;
    private final ScheduledExecutorService thread;
    private ScheduledFuture<?> running;

    LivePoll(String name, Duration period, FxWork.Call<T> read, Consumer<T> onResult, Consumer<String> onProblem) {
        this.period = period;
        this.read = read;
        this.onResult = onResult;
        this.onProblem = onProblem;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    synchronized void start() {
        if (running == null) {
            running = thread.scheduleWithFixedDelay(this::once, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    synchronized void stop() {
        if (running != null) {
            running.cancel(false);
            running = null;
        }
    }

    /** One read now, outside the schedule (a refresh button, or a change listener's signal). */
    void now() {
        try {
            thread.execute(this::once);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the window closed; nothing is shown any more
        }
    }

    private void once() {
        try {
            T result = read.run();
            Platform.runLater(() -> onResult.accept(result));
        } catch (Exception e) {
            String text = e instanceof AwsFailure failure ? failure.problem().toString() : AwsProblems.explain(e).toString();
            Platform.runLater(() -> onProblem.accept(text));
        }
    }

    /** Stops for good (the window is closing). */
    void close() {
        stop();
        thread.shutdownNow();
    }
}
