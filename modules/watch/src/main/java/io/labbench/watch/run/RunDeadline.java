package io.labbench.watch.run;

import java.time.Duration;

/**
 * How long one run of a watch may take before the runner gives up on it: {@code intervals} times the
 * watch's interval, never less than {@code floor}. The runner owns this deadline rather than trusting
 * each {@link io.labbench.sessions.CommandRunner} to honour its timeout: a run once sat 150 s in a
 * connection's reconnect path, and the panel froze with it.
 */
public record RunDeadline(int intervals, Duration floor) {

    /** Five intervals, at least 10 s: a slow {@code iptables -L} on a busy node still fits. */
    public static final RunDeadline DEFAULT = new RunDeadline(5, Duration.ofSeconds(10));

    /**
     * The command runner is asked for a timeout this much past the deadline: the runner's own deadline
     * fires first, and the command runner's timeout only cleans up a channel the interrupt did not reach.
     */
    static final Duration COMMAND_RUNNER_SLACK = Duration.ofSeconds(5);

    public RunDeadline {
        if (intervals < 1) {
            throw new IllegalArgumentException("A run deadline needs at least one interval, not " + intervals);
        }
        if (floor.isNegative() || floor.isZero()) {
            throw new IllegalArgumentException("A run deadline's floor must be positive, not " + floor);
        }
    }

    public Duration forInterval(Duration interval) {
        Duration byInterval = interval.multipliedBy(intervals);
        return byInterval.compareTo(floor) < 0 ? floor : byInterval;
    }
}
