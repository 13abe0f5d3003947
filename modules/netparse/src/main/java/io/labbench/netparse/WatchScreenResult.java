package io.labbench.netparse;

import io.labbench.netparse.model.WatchHeader;
import io.labbench.netparse.model.WatchSection;
import io.labbench.netparse.snapshot.Row;
import io.labbench.netparse.snapshot.RowCollector;
import io.labbench.netparse.snapshot.Snapshot;
import java.time.Instant;
import java.util.List;

/**
 * A combined watch screen: an optional {@code watch} header line and the sections below it, each read as
 * the kind it looks like. The snapshot holds every section's rows, keyed {@code "<section>|<row key>"}
 * where section is its title or its kind.
 */
public record WatchScreenResult(WatchHeader header, List<WatchSection> sections, List<Diagnostic> diagnostics)
        implements ParseResult {
    public WatchScreenResult {
        sections = List.copyOf(sections);
        diagnostics = List.copyOf(diagnostics);
    }

    @Override
    public ParserKind kind() {
        return ParserKind.WATCH_SCREEN;
    }

    @Override
    public Snapshot toSnapshot(Instant takenAt) {
        RowCollector collector = new RowCollector();
        collector.column("section", io.labbench.netparse.snapshot.CellKind.TEXT);
        for (WatchSection s : sections) {
            Snapshot inner = s.result().toSnapshot(takenAt);
            collector.columns(inner.columns());
            String section = s.title().isEmpty() ? s.result().kind().cliName() : s.title();
            for (Row r : inner.rows()) {
                java.util.Map<String, String> cells = new java.util.LinkedHashMap<>();
                cells.put("section", section);
                cells.putAll(r.cells());
                collector.add(section + "|" + r.key(), cells);
            }
        }
        return collector.build(kind().cliName(), takenAt, diagnostics);
    }
}
