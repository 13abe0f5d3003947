package io.labbench.watch.export;

import io.labbench.netparse.snapshot.CellChange;
import io.labbench.netparse.snapshot.Column;
import io.labbench.netparse.snapshot.CounterDelta;
import io.labbench.netparse.snapshot.Row;
import io.labbench.netparse.snapshot.RowChange;
import io.labbench.netparse.snapshot.Snapshot;
import io.labbench.watch.WatchDefinition;
import io.labbench.watch.panel.ComparedPoints;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes a snapshot, or what changed between two points, as text or Markdown with a heading. */
public final class WatchExporter {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private WatchExporter() {
    }

    public static String snapshot(WatchDefinition watch, Snapshot snapshot, ExportFormat format) {
        List<String> header = new ArrayList<>();
        for (Column column : snapshot.columns()) {
            header.add(column.name());
        }
        List<List<String>> rows = new ArrayList<>();
        for (Row row : snapshot.rows()) {
            List<String> cells = new ArrayList<>();
            for (Column column : snapshot.columns()) {
                cells.add(row.cell(column.name()));
            }
            rows.add(cells);
        }
        return heading(watch, format, "at " + TIME.format(snapshot.takenAt()))
                + TableWriter.write(format, header, rows);
    }

    public static String diff(ComparedPoints compared, ExportFormat format) {
        List<List<String>> rows = new ArrayList<>();
        for (Row row : compared.diff().added()) {
            rows.add(List.of("added", row.key(), summary(row, compared.columns())));
        }
        for (Row row : compared.diff().removed()) {
            rows.add(List.of("removed", row.key(), summary(row, compared.columns())));
        }
        for (RowChange change : compared.diff().changed()) {
            rows.add(List.of("changed", change.key(), describe(change)));
        }
        String when = "from " + TIME.format(compared.from()) + " to " + TIME.format(compared.to())
                + " (" + seconds(compared.diff().interval().toMillis()) + " s)";
        String body = rows.isEmpty() ? (format == ExportFormat.MARKDOWN ? "_No changes._\n" : "No changes.\n")
                : TableWriter.write(format, List.of("change", "row", "what"), rows);
        return heading(compared.definition(), format, when) + body;
    }

    private static String describe(RowChange change) {
        List<String> parts = new ArrayList<>();
        for (CellChange cell : change.cells()) {
            parts.add(cell.column() + ": " + cell.oldValue() + " → " + cell.newValue());
        }
        for (CounterDelta counter : change.counters()) {
            if (counter.delta() == 0 && !counter.reset()) {
                continue;
            }
            parts.add(counter.column() + " +" + counter.delta()
                    + String.format(Locale.ROOT, " (%.1f/s)", counter.ratePerSecond())
                    + (counter.reset() ? " after reset" : "")
                    + (counter.approximate() ? " ≈" : ""));
        }
        return String.join("; ", parts);
    }

    private static String summary(Row row, List<Column> columns) {
        List<String> parts = new ArrayList<>();
        for (Column column : columns) {
            String value = row.cell(column.name());
            if (!value.isEmpty()) {
                parts.add(column.name() + "=" + value);
            }
        }
        return String.join(" ", parts);
    }

    private static String heading(WatchDefinition watch, ExportFormat format, String when) {
        if (format == ExportFormat.MARKDOWN) {
            return "### " + watch.title() + "\n\n`" + watch.endpoint() + "$ " + watch.command() + "` — " + when + "\n\n";
        }
        return watch.endpoint() + "$ " + watch.command() + "\n" + when + "\n\n";
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }

    /** A file name for an export: {@code worker1-routes-20261126-110512.md}. */
    public static String fileName(WatchDefinition watch, Instant at, String extension) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(at);
        return (watch.endpoint() + "-" + watch.id() + "-" + stamp + "." + extension).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
