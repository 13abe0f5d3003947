package io.labbench.watch.panel;

import io.labbench.netparse.snapshot.Column;
import io.labbench.netparse.snapshot.SnapshotDiff;
import io.labbench.watch.WatchDefinition;
import java.time.Instant;
import java.util.List;

/** Two history points of one watch and what changed between them, ready to show or export. */
public record ComparedPoints(WatchDefinition definition, Instant from, Instant to, List<Column> columns,
                             SnapshotDiff diff) {
    public ComparedPoints {
        columns = List.copyOf(columns);
    }
}
