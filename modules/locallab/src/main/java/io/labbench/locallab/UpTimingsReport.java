package io.labbench.locallab;

import io.labbench.locallab.parts.UpTimeline;
import java.util.List;

/**
 * {@code labbench lab up --timings}: when each part of the lab's {@code up} started and ended, from the
 * moment the lab's daemon started, and how long it took. Parts run side by side, so the durations add
 * up to more than the whole.
 */
public final class UpTimingsReport {

    private UpTimingsReport() {
    }

    /**
     * @param originEpochMillis when the daemon's main() began (0: unknown, then the first part is the origin)
     * @param parts             the parts as they started and ended
     */
    public static String text(long originEpochMillis, List<UpTimeline.Phase> parts) {
        if (parts.isEmpty()) {
            return "No part timings: the lab was already up (take it down with `labbench lab down` to time a fresh up).\n";
        }
        List<UpTimeline.Phase> sorted = parts.stream()
                .sorted(java.util.Comparator.comparingLong(UpTimeline.Phase::startEpochMillis)).toList();
        long origin = originEpochMillis > 0 ? originEpochMillis : sorted.get(0).startEpochMillis();
        int width = Math.max("part".length(), sorted.stream().mapToInt(p -> p.name().length()).max().orElse(0));
        StringBuilder text = new StringBuilder();
        text.append(String.format("%-" + width + "s  %9s  %9s  %7s%n", "part", "start", "end", "took"));
        for (UpTimeline.Phase p : sorted) {
            text.append(String.format("%-" + width + "s  %+6d ms  %+6d ms  %4d ms%n", p.name(), p.startEpochMillis() - origin,
                    p.endEpochMillis() - origin, p.millis()));
        }
        long last = sorted.stream().mapToLong(UpTimeline.Phase::endEpochMillis).max().orElse(origin);
        text.append(String.format("Lab up %d ms after the daemon started (parts run side by side).%n", last - origin));
        return text.toString();
    }
}
