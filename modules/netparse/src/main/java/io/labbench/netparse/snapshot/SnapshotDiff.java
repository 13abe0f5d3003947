package io.labbench.netparse.snapshot;

import java.time.Duration;
import java.util.List;

/** What changed between two snapshots; {@code interval} is newer.takenAt − older.takenAt. */
public record SnapshotDiff(List<Row> added, List<Row> removed, List<RowChange> changed, Duration interval) {
    public SnapshotDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}
