package io.labbench.netparse;

import static io.labbench.netparse.snapshot.CellKind.TEXT;

import io.labbench.netparse.model.Link;
import io.labbench.netparse.snapshot.RowCollector;
import io.labbench.netparse.snapshot.Snapshot;
import java.time.Instant;
import java.util.List;

/** {@code ip link} in any of its forms; rows keyed by interface name. */
public record IpLinkResult(List<Link> links, List<Diagnostic> diagnostics) implements ParseResult {
    public IpLinkResult {
        links = List.copyOf(links);
        diagnostics = List.copyOf(diagnostics);
    }

    @Override
    public ParserKind kind() {
        return ParserKind.IP_LINK;
    }

    @Override
    public Snapshot toSnapshot(Instant takenAt) {
        RowCollector rows = new RowCollector();
        for (String c : List.of("index", "name", "peer", "flags", "mtu", "state", "mac", "linkNetns", "master")) {
            rows.column(c, TEXT);
        }
        for (Link l : links) {
            rows.add(l.name(), "index", Texts.of(l.index()), "name", l.name(), "peer", l.peer(),
                    "flags", String.join(",", l.flags()), "mtu", Texts.of(l.mtu()), "state", l.state(),
                    "mac", l.mac(), "linkNetns", l.linkNetns(), "master", l.master());
        }
        return rows.build(kind().cliName(), takenAt, diagnostics);
    }
}
