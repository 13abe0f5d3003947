package io.labbench.watch.compare;

import io.labbench.netparse.snapshot.CellKind;
import io.labbench.netparse.snapshot.Column;
import io.labbench.netparse.snapshot.Row;
import io.labbench.netparse.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Aligns the same watch on two endpoints (worker1 | worker2) by row identity: rows in the left order,
 * rows only on the right placed after the left row they followed there. Counters and time columns are
 * expected to differ between nodes, so only text columns count as a difference.
 */
public final class SideBySide {

    private SideBySide() {
    }

    public static List<AlignedRow> align(Snapshot left, Snapshot right) {
        List<String> textColumns = textColumns(left, right);
        Map<String, Row> rightByKey = new LinkedHashMap<>();
        for (Row row : right.rows()) {
            rightByKey.put(row.key(), row);
        }
        Map<String, Row> leftByKey = new LinkedHashMap<>();
        for (Row row : left.rows()) {
            leftByKey.put(row.key(), row);
        }
        // Right-only rows follow the nearest row before them on the right that the left also has.
        Map<String, List<Row>> rightOnlyAfter = new LinkedHashMap<>();
        List<Row> rightOnlyFirst = new ArrayList<>();
        String anchor = null;
        for (Row row : right.rows()) {
            if (leftByKey.containsKey(row.key())) {
                anchor = row.key();
            } else if (anchor == null) {
                rightOnlyFirst.add(row);
            } else {
                rightOnlyAfter.computeIfAbsent(anchor, k -> new ArrayList<>()).add(row);
            }
        }
        List<AlignedRow> aligned = new ArrayList<>();
        for (Row row : rightOnlyFirst) {
            aligned.add(new AlignedRow(row.key(), Optional.empty(), Optional.of(row), List.of()));
        }
        for (Row row : left.rows()) {
            Optional<Row> other = Optional.ofNullable(rightByKey.get(row.key()));
            aligned.add(new AlignedRow(row.key(), Optional.of(row), other,
                    other.map(o -> differing(row, o, textColumns)).orElse(List.of())));
            for (Row rightOnly : rightOnlyAfter.getOrDefault(row.key(), List.of())) {
                aligned.add(new AlignedRow(rightOnly.key(), Optional.empty(), Optional.of(rightOnly), List.of()));
            }
        }
        return aligned;
    }

    private static List<String> differing(Row left, Row right, List<String> textColumns) {
        List<String> columns = new ArrayList<>();
        for (String column : textColumns) {
            if (!left.cell(column).equals(right.cell(column))) {
                columns.add(column);
            }
        }
        return columns;
    }

    private static List<String> textColumns(Snapshot left, Snapshot right) {
        Set<String> names = new LinkedHashSet<>();
        for (Column column : left.columns()) {
            if (column.kind() == CellKind.TEXT) {
                names.add(column.name());
            }
        }
        for (Column column : right.columns()) {
            if (column.kind() == CellKind.TEXT) {
                names.add(column.name());
            }
        }
        return List.copyOf(names);
    }
}
