package io.labbench.netparse.snapshot;

import io.labbench.netparse.Diagnostic;
import java.time.Instant;
import java.util.List;

/** Parsed output at one moment, as rows with stable identities. */
public record Snapshot(String kind, List<Column> columns, List<Row> rows, Instant takenAt,
                       List<Diagnostic> diagnostics) {
    public Snapshot {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        diagnostics = List.copyOf(diagnostics);
    }
}
