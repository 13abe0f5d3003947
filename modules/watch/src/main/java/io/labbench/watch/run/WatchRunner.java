package io.labbench.watch.run;

import io.labbench.sessions.CommandException;
import io.labbench.sessions.CommandResult;
import io.labbench.sessions.CommandRunner;
import io.labbench.sessions.CommandRunnerProvider;
import io.labbench.watch.WatchDefinition;
import io.labbench.watch.ZeroCountersTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Re-runs one watch's command every interval. At most one run is in flight: the next run is timed
 * from the end of the previous one, and a "refresh now" during a run is folded into one run right
 * after it, so a slow command never piles up channels on the node. Failures and lost connections are
 * reported and retried at the same pace; nothing here throws to the caller's thread.
 */
public final class WatchRunner implements AutoCloseable {

    /** A run that takes longer than this many intervals (at least 10 s) is abandoned as timed out. */
    private static final int TIMEOUT_INTERVALS = 5;
    private static final Duration MIN_TIMEOUT = Duration.ofSeconds(10);

    private final CommandRunnerProvider runners;
    private final SnapshotReader reader;
    private final WatchScheduler scheduler;
    private final WatchListener listener;
    private final Clock clock;

    private WatchDefinition definition;
    private boolean paused;
    private boolean closed;
    private boolean running;
    private boolean refreshRequested;
    private ScheduledFuture<?> nextRun;

    public WatchRunner(WatchDefinition definition, CommandRunnerProvider runners, SnapshotReader reader,
                       WatchScheduler scheduler, WatchListener listener, Clock clock) {
        this.definition = definition;
        this.runners = runners;
        this.reader = reader;
        this.scheduler = scheduler;
        this.listener = listener;
        this.clock = clock;
        this.paused = true;
    }

    public synchronized WatchDefinition definition() {
        return definition;
    }

    public synchronized boolean paused() {
        return paused;
    }

    /** Starts (or resumes) refreshing, with a run right away. */
    public synchronized void resume() {
        if (closed) {
            return;
        }
        paused = false;
        requestRun();
    }

    /** Stops scheduling runs; a run already in flight still reports its result. */
    public synchronized void pause() {
        paused = true;
        refreshRequested = false;
        cancelNext();
    }

    /** One run as soon as possible, even when paused; folded into the next one if a run is in flight. */
    public synchronized void refreshNow() {
        if (closed) {
            return;
        }
        requestRun();
    }

    /** Changes the pace; the next run is re-timed from now. */
    public synchronized void setInterval(Duration interval) {
        definition = definition.withInterval(WatchDefinition.checkInterval(interval));
        if (!paused && !running && !closed) {
            schedule(interval);
        }
    }

    /**
     * Runs {@code iptables -Z} for the watch's table/chain on the same connection, then refreshes.
     * The future completes with the command's result or fails with the {@link CommandException}.
     */
    public CompletableFuture<CommandResult> zeroCounters() {
        WatchDefinition current = definition();
        Optional<ZeroCountersTarget> target = current.zeroCounters();
        if (target.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "Watch '" + current.title() + "' shows no iptables counters to zero"));
        }
        String command = current.privileged() ? WatchDefinition.asRoot(target.get().command())
                : target.get().command();
        CompletableFuture<CommandResult> done = new CompletableFuture<>();
        scheduler.commands().execute(() -> {
            try {
                CommandRunner runner = runnerFor(current);
                CommandResult result = runner.run(command, timeout(current));
                done.complete(result);
                refreshNow();
            } catch (CommandException e) {
                done.completeExceptionally(e);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    @Override
    public synchronized void close() {
        closed = true;
        paused = true;
        cancelNext();
    }

    private void requestRun() {
        if (running) {
            refreshRequested = true;
            return;
        }
        cancelNext();
        running = true;
        scheduler.commands().execute(this::runOnce);
    }

    private void schedule(Duration delay) {
        cancelNext();
        nextRun = scheduler.timer().schedule(this::timerFired, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    private synchronized void timerFired() {
        if (!paused && !closed && !running) {
            running = true;
            scheduler.commands().execute(this::runOnce);
        }
    }

    private void cancelNext() {
        if (nextRun != null) {
            nextRun.cancel(false);
            nextRun = null;
        }
    }

    private void runOnce() {
        WatchDefinition current = definition();
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        WatchOutcome outcome;
        try {
            listener.runStarted();
            outcome = execute(current);
        } catch (RuntimeException e) {
            // A parser or listener bug must not stop the watch: report it as a failed run and go on.
            outcome = new WatchOutcome.CommandFailed(started, -1,
                    "LabBench could not read this output: " + e, "", Duration.ofNanos(System.nanoTime() - startNanos));
        }
        try {
            listener.outcome(outcome);
        } catch (RuntimeException e) {
            System.getLogger(WatchRunner.class.getName()).log(System.Logger.Level.WARNING,
                    "Watch listener failed for " + current.panelKey(), e);
        } finally {
            finishRun(Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }

    private WatchOutcome execute(WatchDefinition current) {
        Instant started = clock.instant();
        try {
            CommandRunner runner = runnerFor(current);
            CommandResult result = runner.run(current.executedCommand(), timeout(current));
            Instant at = clock.instant();
            if (!result.succeeded()) {
                return new WatchOutcome.CommandFailed(at, result.exitCode(), result.stderr(), result.stdout(),
                        result.elapsed());
            }
            return new WatchOutcome.Refreshed(at, result.stdout(),
                    reader.read(current.parser(), result.stdout(), at), result.elapsed(), result.stderr());
        } catch (CommandException e) {
            return new WatchOutcome.NotRun(started, e.reason(), String.valueOf(e.getMessage()));
        }
    }

    private synchronized void finishRun(Duration elapsed) {
        running = false;
        if (closed) {
            return;
        }
        if (refreshRequested) {
            refreshRequested = false;
            requestRun();
        } else if (!paused) {
            // Timed from the end of the run, never less than half an interval: a command slower than
            // the interval still leaves the node some quiet time between runs.
            Duration interval = definition.interval();
            Duration rest = interval.minus(elapsed);
            Duration floor = interval.dividedBy(2);
            schedule(rest.compareTo(floor) < 0 ? floor : rest);
        }
    }

    private CommandRunner runnerFor(WatchDefinition current) throws CommandException {
        return runners.runner(current.endpoint()).orElseThrow(() -> new CommandException(
                CommandException.Reason.NOT_CONNECTED,
                "no connection to endpoint '" + current.endpoint() + "' yet"));
    }

    private static Duration timeout(WatchDefinition current) {
        Duration byInterval = current.interval().multipliedBy(TIMEOUT_INTERVALS);
        return byInterval.compareTo(MIN_TIMEOUT) < 0 ? MIN_TIMEOUT : byInterval;
    }
}
