package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The store's recent writes, oldest first, as the API server's watch cache keeps them: a watch from a
 * resourceVersion replays what came after it. Once the log has dropped a write the watcher has not seen,
 * it answers 410 Gone ("too old resource version") and the client lists again, as against a real cluster.
 * Not thread-safe: {@link Store} holds its lock around every call.
 */
public final class ChangeLog {

    /** Enough for every pod of a full node to be created, scheduled, started and deleted a few times over. */
    static final int DEFAULT_CAPACITY = 20_000;

    /** A watch event's type. */
    public enum EventType { ADDED, MODIFIED, DELETED }

    /**
     * One write.
     *
     * @param before the object before the write (null for ADDED)
     * @param after  the object after it; for DELETED its last state, with the deletion's resourceVersion
     */
    public record Change(long revision, ResourceType type, EventType eventType, ObjectNode before, ObjectNode after) {
    }

    private final int capacity;
    private final ArrayDeque<Change> changes = new ArrayDeque<>();
    /** The revision of the newest write dropped from the log (0: none yet). */
    private long compactedThrough;

    ChangeLog(int capacity) {
        this.capacity = capacity;
    }

    void add(Change change) {
        changes.addLast(change);
        if (changes.size() > capacity) {
            compactedThrough = changes.removeFirst().revision();
        }
    }

    /**
     * The changes of one kind after a revision, and the revision they bring the reader to (the latest
     * write of any kind, so a quiet kind's watcher does not fall behind the log).
     */
    public record Since(List<Change> changes, long revision) {
    }

    /** Changes of {@code type} after {@code revision}; the stored objects must not be changed by the caller. */
    List<Change> since(ResourceType type, long revision) {
        if (revision < compactedThrough) {
            throw new StoreException(410, Json.status(410, "Expired",
                    "too old resource version: " + revision + " (" + compactedThrough + ")"));
        }
        List<Change> out = new ArrayList<>();
        Iterator<Change> newestFirst = changes.descendingIterator();
        while (newestFirst.hasNext()) {
            Change c = newestFirst.next();
            if (c.revision() <= revision) {
                break;
            }
            if (c.type().equals(type)) {
                out.add(c);
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }
}
