package io.labbench.locallab.parts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts a list of parts the way kind's {@code create.go} runs its actions, with one difference: a
 * part starts as soon as the parts it comes {@link Part#after() after} have started, so independent
 * parts run side by side (on a cold JVM most of {@code up} is class loading, spread over the cores
 * this way). Progress is counted from the list, each start is timed, and when a part fails no further
 * part begins, the ones running are waited for, and every part whose start ran is stopped in reverse
 * list order.
 */
public final class PartRunner {

    /** Progress as the lab reports it: {@code done} parts of {@code total}; {@code message} says what runs now. */
    @FunctionalInterface
    public interface Progress {
        void step(int done, int total, String message);
    }

    private final Executor executor;

    /** @param executor runs the parts' starts; needs as many threads as parts may run at once */
    public PartRunner(Executor executor) {
        this.executor = executor;
    }

    /**
     * Starts every part, returning once all have started.
     *
     * @throws IOException (or the part's unchecked exception) of the first part that failed, after the
     *                     started parts were stopped; their stop failures are suppressed in it
     * @throws IllegalArgumentException when a part comes after one that is not earlier in the list
     */
    public StartedParts start(List<Part> parts, Progress progress, UpTimeline timeline) throws IOException {
        Map<Part, Integer> index = checkOrder(parts);
        ProgressCount count = new ProgressCount(parts.size(), progress);
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        // whose start ran (completed or not), in list order once sorted: what a failure must stop
        boolean[] begun = new boolean[parts.size()];
        Map<Part, CompletableFuture<Void>> started = new IdentityHashMap<>();
        for (Part part : parts) {
            CompletableFuture<?>[] before = part.after().stream().map(started::get).toArray(CompletableFuture[]::new);
            started.put(part, CompletableFuture.allOf(before).thenRunAsync(() -> {
                synchronized (begun) {
                    if (firstFailure.get() != null) {
                        throw new CompletionException(new SkippedException());
                    }
                    begun[index.get(part)] = true;
                }
                count.begin(part.description());
                try {
                    timeline.time(part.name(), () -> {
                        part.start();
                        return null;
                    });
                } catch (IOException | RuntimeException | Error e) {
                    firstFailure.compareAndSet(null, e);
                    throw new CompletionException(e);
                }
                count.end();
            }, executor));
        }
        try {
            CompletableFuture.allOf(started.values().toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException ignored) {
            // the first failure is in firstFailure; the parts that ran are stopped below
        }
        List<Part> ran = new ArrayList<>();
        synchronized (begun) {
            for (int i = 0; i < parts.size(); i++) {
                if (begun[i]) {
                    ran.add(parts.get(i));
                }
            }
        }
        StartedParts result = new StartedParts(ran);
        Throwable failure = firstFailure.get();
        if (failure == null) {
            return result;
        }
        try {
            result.stop(StartedParts.NO_PROGRESS);
        } catch (IOException | RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw (Error) failure;
    }

    private static Map<Part, Integer> checkOrder(List<Part> parts) {
        Map<Part, Integer> index = new IdentityHashMap<>();
        for (Part part : parts) {
            for (Part needed : part.after()) {
                if (!index.containsKey(needed)) {
                    throw new IllegalArgumentException("part '" + part.name() + "' comes after '" + needed.name()
                            + "', which is not earlier in the list " + parts.stream().map(Part::name).toList());
                }
            }
            if (index.put(part, index.size()) != null) {
                throw new IllegalArgumentException("part '" + part.name() + "' is twice in the list");
            }
        }
        return index;
    }

    /** Progress from the list: parts done out of all; the message is the part that began last. */
    private static final class ProgressCount {
        private final int total;
        private final Progress progress;
        private int done;

        ProgressCount(int total, Progress progress) {
            this.total = total;
            this.progress = progress;
        }

        synchronized void begin(String message) {
            progress.step(done, total, message);
        }

        synchronized void end() {
            done++;
        }
    }

    /** A part that did not begin because another had failed. */
    private static final class SkippedException extends RuntimeException {
        SkippedException() {
            super("skipped: an earlier part failed", null, false, false);
        }
    }
}
