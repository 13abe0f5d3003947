package io.labbench.netparse;

import static io.labbench.netparse.snapshot.CellKind.COUNTER;
import static io.labbench.netparse.snapshot.CellKind.TEXT;

import io.labbench.netparse.model.SavedChain;
import io.labbench.netparse.model.SavedRule;
import io.labbench.netparse.model.SavedTable;
import io.labbench.netparse.snapshot.RowCollector;
import io.labbench.netparse.snapshot.Snapshot;
import java.time.Instant;
import java.util.List;

/**
 * {@code iptables -S} or {@code iptables-save [-c]}. Rule rows are keyed by table + chain + spec; chain
 * rows by {@code "<table> <chain> :policy"}.
 */
public record IptablesRulesResult(List<SavedTable> tables, List<Diagnostic> diagnostics) implements ParseResult {
    public IptablesRulesResult {
        tables = List.copyOf(tables);
        diagnostics = List.copyOf(diagnostics);
    }

    @Override
    public ParserKind kind() {
        return ParserKind.IPTABLES_RULES;
    }

    @Override
    public Snapshot toSnapshot(Instant takenAt) {
        RowCollector rows = new RowCollector();
        rows.column("table", TEXT).column("chain", TEXT).column("packets", COUNTER).column("bytes", COUNTER)
                .column("policy", TEXT).column("target", TEXT).column("comment", TEXT).column("spec", TEXT);
        for (SavedTable t : tables) {
            for (SavedChain c : t.chains()) {
                rows.add(t.name() + " " + c.name() + " " + IptablesListResult.POLICY_KEY_SUFFIX,
                        "table", t.name(), "chain", c.name(), "packets", Texts.of(c.packets()),
                        "bytes", Texts.of(c.bytes()), "policy", c.policy());
            }
            for (SavedRule r : t.rules()) {
                rows.add(t.name() + " " + r.chain() + " " + r.spec(), "table", t.name(), "chain", r.chain(),
                        "packets", Texts.of(r.packets()), "bytes", Texts.of(r.bytes()), "target", r.target(),
                        "comment", r.comment(), "spec", r.spec());
            }
        }
        return rows.build(kind().cliName(), takenAt, diagnostics);
    }
}
