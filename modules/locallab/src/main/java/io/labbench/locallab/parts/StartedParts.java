package io.labbench.locallab.parts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The parts a {@link PartRunner} started, in list order; {@link #stop} takes them down in reverse. */
public final class StartedParts {

    static final PartRunner.Progress NO_PROGRESS = (done, total, message) -> { };

    private final List<Part> parts;

    StartedParts(List<Part> parts) {
        this.parts = new ArrayList<>(parts);
    }

    /** Nothing started: what a lab holds before its first {@code up}. */
    public static StartedParts none() {
        return new StartedParts(List.of());
    }

    public synchronized List<Part> parts() {
        return List.copyOf(parts);
    }

    /** The started part of this type, e.g. the SSH servers for a lab's endpoints. */
    public synchronized <T extends Part> java.util.Optional<T> find(Class<T> type) {
        return parts.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /**
     * Stops every part, last first, reporting {@code done/total} with total the number of parts. A
     * part that fails to stop does not keep the ones below it running: they are still stopped, and the
     * first failure is thrown afterwards with the others suppressed.
     */
    public synchronized void stop(PartRunner.Progress progress) throws IOException {
        int total = parts.size();
        Exception first = null;
        for (int i = 0; i < total; i++) {
            Part part = parts.get(total - 1 - i);
            progress.step(i, total, part.stopDescription());
            try {
                part.stop();
            } catch (IOException | RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        parts.clear();
        if (first instanceof IOException io) {
            throw io;
        }
        if (first instanceof RuntimeException runtime) {
            throw runtime;
        }
    }
}
