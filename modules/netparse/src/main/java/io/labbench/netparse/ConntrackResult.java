package io.labbench.netparse;

import static io.labbench.netparse.snapshot.CellKind.COUNTER;
import static io.labbench.netparse.snapshot.CellKind.TEXT;
import static io.labbench.netparse.snapshot.CellKind.TIME;

import io.labbench.netparse.model.ConntrackEntry;
import io.labbench.netparse.snapshot.RowCollector;
import io.labbench.netparse.snapshot.Snapshot;
import java.time.Instant;
import java.util.List;

/** {@code conntrack -L}; rows keyed by protocol + original tuple (+ zone); the timeout is time-like. */
public record ConntrackResult(List<ConntrackEntry> entries, List<Diagnostic> diagnostics) implements ParseResult {
    public ConntrackResult {
        entries = List.copyOf(entries);
        diagnostics = List.copyOf(diagnostics);
    }

    @Override
    public ParserKind kind() {
        return ParserKind.CONNTRACK;
    }

    @Override
    public Snapshot toSnapshot(Instant takenAt) {
        RowCollector rows = new RowCollector();
        rows.column("proto", TEXT).column("state", TEXT).column("timeout", TIME).column("original", TEXT)
                .column("reply", TEXT).column("flags", TEXT).column("mark", TEXT).column("zone", TEXT)
                .column("use", TEXT).column("packets", COUNTER).column("bytes", COUNTER);
        for (ConntrackEntry e : entries) {
            String original = e.original().text();
            String zone = Texts.of(e.zone());
            String key = e.proto() + " " + original + (zone.isEmpty() ? "" : " zone=" + zone);
            rows.add(key, "proto", e.proto(), "state", e.state(), "timeout", Texts.of(e.timeout()),
                    "original", original, "reply", e.reply().text(), "flags", String.join(",", e.flags()),
                    "mark", e.mark(), "zone", zone, "use", Texts.of(e.use()),
                    "packets", Texts.of(e.original().packets()), "bytes", Texts.of(e.original().bytes()));
        }
        return rows.build(kind().cliName(), takenAt, diagnostics);
    }
}
