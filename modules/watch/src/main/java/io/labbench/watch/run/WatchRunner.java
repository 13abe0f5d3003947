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
 * after it, so a slow command never piles up channels on the node. A run that outlives its
 * {@link RunDeadline} is abandoned (interrupted, reported as {@link WatchOutcome.Abandoned}) so a hung
 * channel cannot freeze the panel. Failures and lost connections are reported and retried at the same
 * pace; nothing here throws to the caller's thread.
 */
public final class WatchRunner implements AutoCloseable {

    private final RunDeadline deadline;
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
        this(definition, runners, reader, scheduler, listener, clock, RunDeadline.DEFAULT);
    }

    public WatchRunner(WatchDefinition definition, CommandRunnerProvider runners, SnapshotReader reader,
                       WatchScheduler scheduler, WatchListener listener, Clock clock, RunDeadline deadline) {
        this.deadline = deadline;
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
                CommandResult result = runner.run(command, deadline.forInterval(current.interval()));
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
        startRun();
    }

    private void schedule(Duration delay) {
        cancelNext();
        nextRun = scheduler.timer().schedule(this::timerFired, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    private synchronized void timerFired() {
        if (!paused && !closed && !running) {
            startRun();
        }
    }

    private void cancelNext() {
        if (nextRun != null) {
            nextRun.cancel(false);
            nextRun = null;
        }
    }

    /** Hands one run to the pool and arms its deadline; called with the lock held. */
    private void startRun() {
        running = true;
        WatchDefinition current = definition;
        Run run = new Run(current, deadline.forInterval(current.interval()));
        run.watchdog = scheduler.timer().schedule(() -> scheduler.commands().execute(() -> abandon(run)),
                run.deadline.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.commands().execute(() -> runOnce(run));
    }

    private void runOnce(Run run) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        if (!run.attach(Thread.currentThread())) {
            return; // abandoned before a thread picked it up (a starved pool); already reported
        }
        WatchOutcome outcome;
        try {
            listener.runStarted();
            outcome = execute(run);
        } catch (RuntimeException e) {
            // A parser or listener bug must not stop the watch: report it as a failed run and go on.
            outcome = new WatchOutcome.CommandFailed(started, -1,
                    "LabBench could not read this output: " + e, "", Duration.ofNanos(System.nanoTime() - startNanos));
        } finally {
            run.detach();
        }
        if (run.settle()) {
            run.watchdog.cancel(false);
            report(run, outcome, Duration.ofNanos(System.nanoTime() - startNanos));
        }
        // else: the deadline already reported this run as abandoned and the watch moved on; drop it.
    }

    /** The deadline passed: interrupt the run (closing its channel), report it, and let the next run come. */
    private void abandon(Run run) {
        if (!run.settle()) {
            return;
        }
        run.interrupt();
        report(run, new WatchOutcome.Abandoned(clock.instant(), run.deadline, run.definition.command()), run.deadline);
    }

    private void report(Run run, WatchOutcome outcome, Duration elapsed) {
        try {
            listener.outcome(outcome);
        } catch (RuntimeException e) {
            System.getLogger(WatchRunner.class.getName()).log(System.Logger.Level.WARNING,
                    "Watch listener failed for " + run.definition.panelKey(), e);
        } finally {
            finishRun(elapsed);
        }
    }

    private WatchOutcome execute(Run run) {
        WatchDefinition current = run.definition;
        Instant started = clock.instant();
        try {
            CommandRunner runner = runnerFor(current);
            CommandResult result = runner.run(current.executedCommand(), run.deadline.plus(RunDeadline.COMMAND_RUNNER_SLACK));
            Instant at = clock.instant();
            if (!result.succeeded()) {
                return new WatchOutcome.CommandFailed(at, result.exitCode(), result.stderr(), result.stdout(),
                        result.elapsed());
            }
            return new WatchOutcome.Refreshed(at, result.stdout(),
                    reader.read(current.parser(), current.parseHints(), result.stdout(), at), result.elapsed(),
                    result.stderr());
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

    /**
     * One run and who settles it: the run's own thread when it ends, or the deadline when it does not.
     * Whichever comes first reports; the other is dropped, so a listener hears exactly one outcome.
     */
    private static final class Run {
        final WatchDefinition definition;
        final Duration deadline;
        final java.util.concurrent.atomic.AtomicBoolean settled = new java.util.concurrent.atomic.AtomicBoolean();
        volatile ScheduledFuture<?> watchdog;
        private Thread thread;
        private boolean finished;

        Run(WatchDefinition definition, Duration deadline) {
            this.definition = definition;
            this.deadline = deadline;
        }

        boolean settle() {
            return settled.compareAndSet(false, true);
        }

        synchronized boolean attach(Thread runThread) {
            if (settled.get()) {
                return false;
            }
            thread = runThread;
            return true;
        }

        /**
         * The run's thread is done with this run. Under the same lock as {@link #interrupt()}, so a late
         * deadline never interrupts whatever the pooled thread runs next; a stale interrupt is cleared.
         */
        synchronized void detach() {
            thread = null;
            finished = true;
            Thread.interrupted();
        }

        synchronized void interrupt() {
            if (thread != null && !finished) {
                thread.interrupt();
            }
        }
    }
}
