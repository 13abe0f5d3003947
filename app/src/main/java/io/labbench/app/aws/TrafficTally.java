package io.labbench.app.aws;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds up a data plane's per-target counters across its restarts: HAProxy counts from zero again
 * after each reload (the targets changed), so a counter that went down means a new count, and only
 * what it rose by since the last reading is added. {@link #reset} starts the tally afresh, so the
 * learner can count one curl loop. Thread-safe (read on the poll thread, reset from the window).
 */
final class TrafficTally {

    private final Map<String, Map<String, Long>> lastSeen = new HashMap<>();
    private final Map<String, Map<String, Long>> totals = new HashMap<>();

    /**
     * @param group a name for the counters' owner (a target group's ARN)
     * @param raw   the counters as the data plane reports them now
     * @return the tally per target, sorted by target
     */
    synchronized Map<String, Long> add(String group, Map<String, Long> raw) {
        Map<String, Long> last = lastSeen.computeIfAbsent(group, g -> new HashMap<>());
        Map<String, Long> total = totals.computeIfAbsent(group, g -> new LinkedHashMap<>());
        raw.forEach((target, now) -> {
            Long before = last.get(target);
            long rise = before == null || now < before ? now : now - before;
            total.merge(target, rise, Long::sum);
            last.put(target, now);
        });
        // a target the data plane no longer lists counts from zero if it comes back
        last.keySet().retainAll(raw.keySet());
        return new TreeMap<>(total);
    }

    /** Counts only what comes after this call. */
    synchronized void reset() {
        totals.clear();
    }
}
