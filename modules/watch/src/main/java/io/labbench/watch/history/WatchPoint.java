package io.labbench.watch.history;

import io.labbench.netparse.snapshot.Snapshot;
import io.labbench.netparse.snapshot.SnapshotDiff;
import java.time.Instant;
import java.util.Optional;

/**
 * One refresh kept in history. {@code sequence} counts refreshes since the panel opened (it keeps
 * growing when old points are dropped); {@code sincePrevious} is empty for the first point.
 */
public record WatchPoint(long sequence, Instant at, String rawText, Snapshot snapshot,
                         Optional<SnapshotDiff> sincePrevious) {
}
