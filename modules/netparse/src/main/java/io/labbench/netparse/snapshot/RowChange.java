package io.labbench.netparse.snapshot;

import java.util.List;

/**
 * A row present in both snapshots that changed: text cells that differ, and counters (every counter of the
 * row, including those that did not move, so a panel can draw a sparkline per rule). A row appears here
 * when a text cell changed or any counter moved.
 */
public record RowChange(String key, Row older, Row newer, List<CellChange> cells, List<CounterDelta> counters) {
    public RowChange {
        cells = List.copyOf(cells);
        counters = List.copyOf(counters);
    }

    /** True when only counters moved (no text cell changed). */
    public boolean countersOnly() {
        return cells.isEmpty();
    }
}
