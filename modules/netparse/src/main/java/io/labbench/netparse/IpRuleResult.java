package io.labbench.netparse;

import static io.labbench.netparse.snapshot.CellKind.TEXT;

import io.labbench.netparse.model.IpRuleEntry;
import io.labbench.netparse.snapshot.RowCollector;
import io.labbench.netparse.snapshot.Snapshot;
import java.time.Instant;
import java.util.List;

/** {@code ip rule}; rows keyed by priority + selector. */
public record IpRuleResult(List<IpRuleEntry> rules, List<Diagnostic> diagnostics) implements ParseResult {
    public IpRuleResult {
        rules = List.copyOf(rules);
        diagnostics = List.copyOf(diagnostics);
    }

    @Override
    public ParserKind kind() {
        return ParserKind.IP_RULE;
    }

    @Override
    public Snapshot toSnapshot(Instant takenAt) {
        RowCollector rows = new RowCollector();
        for (String c : List.of("priority", "selector", "action", "table")) {
            rows.column(c, TEXT);
        }
        for (IpRuleEntry r : rules) {
            String priority = Texts.of(r.priority());
            rows.add(priority + " " + r.selector(), "priority", priority, "selector", r.selector(),
                    "action", r.action(), "table", r.table());
        }
        return rows.build(kind().cliName(), takenAt, diagnostics);
    }
}
