package io.labbench.netparse;

import static io.labbench.netparse.snapshot.CellKind.COUNTER;
import static io.labbench.netparse.snapshot.CellKind.TEXT;
import static io.labbench.netparse.snapshot.CellKind.TIME;

import io.labbench.netparse.model.IptablesChain;
import io.labbench.netparse.model.IptablesRule;
import io.labbench.netparse.model.IptablesTable;
import io.labbench.netparse.snapshot.RowCollector;
import io.labbench.netparse.snapshot.Snapshot;
import java.time.Instant;
import java.util.List;

/**
 * {@code iptables -L [-n] [-v] [-x] [--line-numbers]}. Rule rows are keyed by table + chain + rule text
 * (not position); each chain's policy is a row of its own ({@code "<table> <chain> :policy"}) carrying
 * the policy counters. The {@code num} column is positional, so it is a {@link
 * io.labbench.netparse.snapshot.CellKind#TIME} column: shown, but a shift never counts as a change.
 */
public record IptablesListResult(List<IptablesTable> tables, List<Diagnostic> diagnostics) implements ParseResult {
    public static final String POLICY_KEY_SUFFIX = ":policy";

    public IptablesListResult {
        tables = List.copyOf(tables);
        diagnostics = List.copyOf(diagnostics);
    }

    @Override
    public ParserKind kind() {
        return ParserKind.IPTABLES_LIST;
    }

    @Override
    public Snapshot toSnapshot(Instant takenAt) {
        RowCollector rows = new RowCollector();
        rows.column("table", TEXT).column("chain", TEXT).column("num", TIME).column("packets", COUNTER)
                .column("bytes", COUNTER).column("target", TEXT).column("prot", TEXT).column("opt", TEXT)
                .column("in", TEXT).column("out", TEXT).column("source", TEXT).column("destination", TEXT)
                .column("comment", TEXT).column("extra", TEXT).column("policy", TEXT).column("references", TEXT);
        for (IptablesTable t : tables) {
            for (IptablesChain c : t.chains()) {
                String prefix = t.name() + " " + c.name() + " ";
                if (!c.policy().isEmpty()) {
                    rows.add(prefix + POLICY_KEY_SUFFIX, "table", t.name(), "chain", c.name(),
                            "packets", c.policyPacketsText(), "bytes", c.policyBytesText(),
                            "policy", c.policy());
                }
                for (IptablesRule r : c.rules()) {
                    rows.add(prefix + r.ruleText(), "table", t.name(), "chain", c.name(),
                            "num", Texts.of(r.num()), "packets", r.packetsText(), "bytes", r.bytesText(),
                            "target", r.target(), "prot", r.prot(), "opt", r.opt(), "in", r.in(), "out", r.out(),
                            "source", r.source(), "destination", r.destination(), "comment", r.comment(),
                            "extra", r.extra());
                }
            }
        }
        return rows.build(kind().cliName(), takenAt, diagnostics);
    }
}
