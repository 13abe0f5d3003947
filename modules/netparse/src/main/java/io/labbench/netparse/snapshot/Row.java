package io.labbench.netparse.snapshot;

import java.util.Map;

/**
 * One row of a snapshot. {@code key} is its stable identity (interface name, table+destination+metric,
 * table+chain+rule text, conntrack original tuple, kubectl NAMESPACE/NAME), so that a rule inserted
 * above another does not make every row below it look changed.
 */
public record Row(String key, Map<String, String> cells) {
    public Row {
        cells = Map.copyOf(cells);
    }

    public String cell(String column) {
        return cells.getOrDefault(column, "");
    }
}
