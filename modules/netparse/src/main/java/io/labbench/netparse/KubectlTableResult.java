package io.labbench.netparse;

import static io.labbench.netparse.snapshot.CellKind.COUNTER;
import static io.labbench.netparse.snapshot.CellKind.TEXT;
import static io.labbench.netparse.snapshot.CellKind.TIME;

import io.labbench.netparse.snapshot.RowCollector;
import io.labbench.netparse.snapshot.Snapshot;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code kubectl get} table ({@code -o wide}, {@code custom-columns}; several tables one after the
 * other as {@code kubectl get svc,ep} prints them). Rows are maps in column order; keyed by
 * NAMESPACE/NAME. AGE-like columns are time-like; RESTARTS is a counter (its "(5m ago)" part left out).
 */
public record KubectlTableResult(List<String> columns, List<Map<String, String>> rows, List<Diagnostic> diagnostics)
        implements ParseResult {
    private static final Set<String> TIME_COLUMNS = Set.of("AGE", "LAST SEEN", "DURATION", "LAST SCHEDULE",
            "CREATED", "LASTSEEN", "FIRST SEEN");

    private static final String RESTARTS = "RESTARTS";

    public KubectlTableResult {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> Collections.unmodifiableMap(new LinkedHashMap<>(r))).toList();
        diagnostics = List.copyOf(diagnostics);
    }

    @Override
    public ParserKind kind() {
        return ParserKind.KUBECTL_TABLE;
    }

    public static boolean isTimeColumn(String column) {
        return TIME_COLUMNS.contains(column);
    }

    @Override
    public Snapshot toSnapshot(Instant takenAt) {
        RowCollector collector = new RowCollector();
        for (String c : columns) {
            collector.column(c, isTimeColumn(c) ? TIME : RESTARTS.equals(c) ? COUNTER : TEXT);
        }
        for (Map<String, String> row : rows) {
            String ns = row.getOrDefault("NAMESPACE", "");
            String name = row.getOrDefault("NAME", "");
            Map<String, String> cells = row;
            String restarts = row.get(RESTARTS);
            if (restarts != null && restarts.indexOf(' ') > 0) {
                // "2 (5m12s ago)": the count is the counter; the age part ticks every second and is not a change.
                cells = new LinkedHashMap<>(row);
                cells.put(RESTARTS, restarts.substring(0, restarts.indexOf(' ')));
            }
            collector.add(ns.isEmpty() ? name : ns + "/" + name, cells);
        }
        return collector.build(kind().cliName(), takenAt, diagnostics);
    }
}
