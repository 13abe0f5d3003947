package io.labbench.netparse;

import static io.labbench.netparse.snapshot.CellKind.TEXT;

import io.labbench.netparse.model.Route;
import io.labbench.netparse.snapshot.RowCollector;
import io.labbench.netparse.snapshot.Snapshot;
import java.time.Instant;
import java.util.List;

/**
 * {@code ip route} ({@link ParserKind#IP_ROUTE}) or {@code route -n} ({@link ParserKind#ROUTE_N}); rows
 * keyed by table + destination + metric, so both print the same key for the same route.
 */
public record RouteResult(ParserKind kind, List<Route> routes, List<Diagnostic> diagnostics) implements ParseResult {
    public RouteResult {
        routes = List.copyOf(routes);
        diagnostics = List.copyOf(diagnostics);
    }

    @Override
    public Snapshot toSnapshot(Instant takenAt) {
        RowCollector rows = new RowCollector();
        for (String c : List.of("table", "type", "destination", "via", "dev", "proto", "scope", "src", "metric", "flags")) {
            rows.column(c, TEXT);
        }
        for (Route r : routes) {
            String metric = Texts.of(r.metric());
            String type = "unicast".equals(r.type()) ? "" : r.type() + " ";
            rows.add(r.table() + " " + type + r.destination() + " " + metric,
                    "table", r.table(), "type", r.type(), "destination", r.destination(), "via", r.via(),
                    "dev", r.dev(), "proto", r.proto(), "scope", r.scope(), "src", r.src(), "metric", metric,
                    "flags", String.join(",", r.flags()));
        }
        return rows.build(kind.cliName(), takenAt, diagnostics);
    }
}
