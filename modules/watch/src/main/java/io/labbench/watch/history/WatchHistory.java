package io.labbench.watch.history;

import io.labbench.netparse.snapshot.Row;
import io.labbench.netparse.snapshot.Snapshot;
import io.labbench.netparse.snapshot.SnapshotDiff;
import io.labbench.netparse.snapshot.SnapshotDiffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last {@code capacity} refreshes of one watch, oldest first. Rows that did not change are shared
 * with the previous snapshot, so a long history of a mostly quiet table costs little memory. Not
 * thread-safe: its owner serialises access.
 */
public final class WatchHistory {

    public static final int DEFAULT_CAPACITY = 300;

    private final int capacity;
    private final ArrayDeque<WatchPoint> points = new ArrayDeque<>();
    private final List<TimelineMark> marks = new ArrayList<>();
    private long nextSequence;

    public WatchHistory(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("History must keep at least 2 points to compare, not " + capacity);
        }
        this.capacity = capacity;
    }

    public WatchHistory() {
        this(DEFAULT_CAPACITY);
    }

    public int capacity() {
        return capacity;
    }

    /** Adds a refresh, dropping the oldest point (and marks older than what is left) when full. */
    public WatchPoint add(String rawText, Snapshot snapshot) {
        Optional<WatchPoint> previous = latest();
        Snapshot stored = previous.map(p -> shareUnchangedRows(p.snapshot(), snapshot)).orElse(snapshot);
        Optional<SnapshotDiff> diff = previous.map(p -> SnapshotDiffer.diff(p.snapshot(), stored));
        WatchPoint point = new WatchPoint(nextSequence++, stored.takenAt(), rawText, stored, diff);
        points.addLast(point);
        if (points.size() > capacity) {
            points.removeFirst();
            WatchPoint oldest = points.getFirst();
            marks.removeIf(m -> m.at().isBefore(oldest.at()));
        }
        return point;
    }

    public void mark(TimelineMark mark) {
        marks.add(mark);
    }

    public List<TimelineMark> marks() {
        return List.copyOf(marks);
    }

    public int size() {
        return points.size();
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    public Optional<WatchPoint> latest() {
        return Optional.ofNullable(points.peekLast());
    }

    /** Point {@code index}, 0 being the oldest kept. */
    public WatchPoint get(int index) {
        if (index < 0 || index >= points.size()) {
            throw new IndexOutOfBoundsException("History holds points 0.." + (points.size() - 1) + ", not " + index);
        }
        // ArrayDeque has no index access; histories are a few hundred points, so walking is cheap.
        int i = 0;
        for (WatchPoint p : points) {
            if (i++ == index) {
                return p;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    public List<WatchPoint> points() {
        return List.copyOf(points);
    }

    /** What changed from point {@code from} to point {@code to} (any two; {@code from} may be later). */
    public SnapshotDiff compare(int from, int to) {
        return SnapshotDiffer.diff(get(from).snapshot(), get(to).snapshot());
    }

    private static Snapshot shareUnchangedRows(Snapshot previous, Snapshot current) {
        Map<String, Row> before = new HashMap<>(previous.rows().size() * 2);
        for (Row row : previous.rows()) {
            before.put(row.key(), row);
        }
        List<Row> rows = new ArrayList<>(current.rows().size());
        boolean shared = false;
        for (Row row : current.rows()) {
            Row old = before.get(row.key());
            if (old != null && old.equals(row)) {
                rows.add(old);
                shared = true;
            } else {
                rows.add(row);
            }
        }
        return shared ? new Snapshot(current.kind(), current.columns(), rows, current.takenAt(),
                current.diagnostics()) : current;
    }
}
