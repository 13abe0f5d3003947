package io.labbench.netparse.snapshot;

import io.labbench.netparse.Diagnostic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a snapshot's rows and keeps their keys unique: a second row with the same identity (two
 * identical iptables rules in one chain) gets {@code " #2"} appended, so it is matched with the second
 * identical row of the other snapshot rather than lost.
 */
public final class RowCollector {
    private final List<Column> columns = new ArrayList<>();
    private final Set<String> columnNames = new HashSet<>();
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Integer> seen = new HashMap<>();

    public RowCollector column(String name, CellKind kind) {
        if (columnNames.add(name)) {
            columns.add(new Column(name, kind));
        }
        return this;
    }

    public RowCollector columns(List<Column> more) {
        for (Column c : more) {
            column(c.name(), c.kind());
        }
        return this;
    }

    /**
     * Adds a row; {@code cellsInOrder} alternates column name and value. Every named column is in the row's
     * map, empty when the tool printed nothing there.
     */
    @SuppressWarnings("unchecked")
    public void add(String key, String... cellsInOrder) {
        Map.Entry<String, String>[] entries = new Map.Entry[cellsInOrder.length / 2];
        int n = 0;
        for (int i = 0; i + 1 < cellsInOrder.length; i += 2) {
            String value = cellsInOrder[i + 1];
            entries[n++] = Map.entry(cellsInOrder[i], value == null ? "" : value);
        }
        add(key, Map.ofEntries(java.util.Arrays.copyOf(entries, n)));
    }

    public void add(String key, Map<String, String> cells) {
        Integer count = seen.merge(key, 1, Integer::sum);
        String unique = count == 1 ? key : key + " #" + count;
        rows.add(new Row(unique, cells));
    }

    public Snapshot build(String kind, Instant takenAt, List<Diagnostic> diagnostics) {
        return new Snapshot(kind, columns, rows, takenAt, diagnostics);
    }
}
