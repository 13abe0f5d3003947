package io.labbench.watch.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.netparse.snapshot.CellKind;
import io.labbench.netparse.snapshot.Column;
import io.labbench.netparse.snapshot.Row;
import io.labbench.netparse.snapshot.Snapshot;
import io.labbench.netparse.snapshot.SnapshotDiffer;
import io.labbench.watch.StudyWatches;
import io.labbench.watch.WatchDefinition;
import io.labbench.watch.panel.ComparedPoints;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchExporterTest {

    private static final List<Column> COLUMNS = List.of(new Column("packets", CellKind.COUNTER), new Column("target", CellKind.TEXT));
    private final WatchDefinition watch = StudyWatches.on("iptables-snat-0", "worker1").orElseThrow();

    private static Snapshot at(int second, Row... rows) {
        return new Snapshot("iptables-list", COLUMNS, List.of(rows), Instant.parse("2026-11-26T10:00:00Z").plusSeconds(second), List.of());
    }

    @Test
    void aSnapshotExportsAsAMarkdownTableWithNodeCommandAndTime() {
        String md = WatchExporter.snapshot(watch, at(0, new Row("r1", Map.of("packets", "12", "target", "RETURN")),
                new Row("r2", Map.of("packets", "3", "target", "SNAT|x"))), ExportFormat.MARKDOWN);
        assertThat(md).contains("`worker1$ iptables -t nat -L AWS-SNAT-CHAIN-0 -n -v -x` — at 2026-11-26 10:00:00 UTC")
                .contains("| packets | target |\n| --- | --- |\n| 12 | RETURN |\n| 3 | SNAT\\|x |\n");
    }

    @Test
    void aSnapshotExportsAsAlignedText() {
        String text = WatchExporter.snapshot(watch, at(0, new Row("r1", Map.of("packets", "12345", "target", "RETURN"))),
                ExportFormat.TEXT);
        assertThat(text).endsWith("packets  target\n12345    RETURN\n");
    }

    @Test
    void aDiffSaysWhatWasAddedRemovedAndHowCountersMoved() {
        Snapshot older = at(0, new Row("r1", Map.of("packets", "10", "target", "RETURN")),
                new Row("r2", Map.of("packets", "0", "target", "SNAT")));
        Snapshot newer = at(4, new Row("r1", Map.of("packets", "30", "target", "RETURN")),
                new Row("r3", Map.of("packets", "0", "target", "MASQUERADE")));
        ComparedPoints compared = new ComparedPoints(watch, older.takenAt(), newer.takenAt(), COLUMNS,
                SnapshotDiffer.diff(older, newer));
        String text = WatchExporter.diff(compared, ExportFormat.TEXT);
        assertThat(text).contains("from 2026-11-26 10:00:00 UTC to 2026-11-26 10:00:04 UTC (4.0 s)")
                .containsPattern("added +r3 +packets=0 target=MASQUERADE")
                .containsPattern("removed +r2")
                .containsPattern("changed +r1 +packets \\+20 \\(5.0/s\\)");
    }
}
