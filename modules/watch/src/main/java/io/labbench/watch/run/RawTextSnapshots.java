package io.labbench.watch.run;

import io.labbench.netparse.snapshot.CellKind;
import io.labbench.netparse.snapshot.Column;
import io.labbench.netparse.snapshot.Row;
import io.labbench.netparse.snapshot.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw output as a snapshot, one row per line. A line's identity is its text plus its occurrence
 * number, so a line inserted above others makes one new row, not every row below it changed.
 */
public final class RawTextSnapshots {

    public static final String KIND = "raw";
    public static final String LINE_COLUMN = "line";

    private RawTextSnapshots() {
    }

    public static Snapshot of(String text, Instant takenAt) {
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int occurrence = seen.merge(line, 1, Integer::sum);
            rows.add(new Row(occurrence == 1 ? line : line + "#" + occurrence, Map.of(LINE_COLUMN, line)));
        }
        return new Snapshot(KIND, List.of(new Column(LINE_COLUMN, CellKind.TEXT)), rows, takenAt, List.of());
    }
}
