package io.labbench.locallab.parts;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * When each part of one {@code up} started and ended, in wall-clock milliseconds: the parts run on
 * several threads at once (network, Kubernetes API, keys and SSH), so their sum is not the total. The
 * daemon writes them to its log as {@code TIMING} lines; the benchmark reads them from there.
 */
public final class UpTimeline {

    /** One part; times are {@link System#currentTimeMillis()} so a caller in another process can line them up. */
    public record Phase(String name, long startEpochMillis, long endEpochMillis) {
        public long millis() {
            return endEpochMillis - startEpochMillis;
        }
    }

    private final long originEpochMillis = System.currentTimeMillis();
    private final List<Phase> phases = new ArrayList<>();

    /** Runs {@code work} as the phase {@code name}, recording it even when it throws. */
    public <T, E extends Exception> T time(String name, Work<T, E> work) throws E {
        long start = System.currentTimeMillis();
        try {
            return work.run();
        } finally {
            long end = System.currentTimeMillis();
            synchronized (phases) {
                phases.add(new Phase(name, start, end));
            }
        }
    }

    /** Work that returns a value and may throw. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    public long originEpochMillis() {
        return originEpochMillis;
    }

    /** The phases in the order they started. */
    public List<Phase> phases() {
        synchronized (phases) {
            return phases.stream().sorted(java.util.Comparator.comparingLong(Phase::startEpochMillis)).toList();
        }
    }

    /** e.g. {@code network +40..+410 ms, kubernetes +45..+1100 ms}: offsets from the start of {@code up}. */
    @Override
    public String toString() {
        return phases().stream().map(p -> p.name() + " +" + (p.startEpochMillis() - originEpochMillis) + "..+"
                + (p.endEpochMillis() - originEpochMillis) + " ms").collect(Collectors.joining(", "));
    }
}
