package io.labbench.netparse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.netparse.IptablesListResult;
import io.labbench.netparse.IptablesRulesResult;
import io.labbench.netparse.NetParsers;
import io.labbench.netparse.ParserKind;
import io.labbench.netparse.RouteResult;
import io.labbench.netparse.snapshot.SnapshotDiff;
import io.labbench.netparse.snapshot.SnapshotDiffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The benchmarks measure what they say: the generated outputs parse whole, with the promised sizes. */
class BenchInputsTest {

    @Test
    void benchmarkInputsParseCompletely() {
        IptablesListResult listing = (IptablesListResult) NetParsers.parse(ParserKind.IPTABLES_LIST,
                BenchInputs.iptablesListing(10_000, 1));
        assertThat(listing.diagnostics()).isEmpty();
        assertThat(listing.tables().stream().flatMap(t -> t.chains().stream()).mapToInt(c -> c.rules().size()).sum())
                .isEqualTo(10_000);
        IptablesRulesResult save = (IptablesRulesResult) NetParsers.parse(ParserKind.IPTABLES_RULES,
                BenchInputs.iptablesSave(10_000, 2));
        assertThat(save.diagnostics()).isEmpty();
        assertThat(save.tables().get(0).rules()).hasSize(10_000);
        RouteResult routes = (RouteResult) NetParsers.parse(ParserKind.IP_ROUTE, BenchInputs.ipRoutes(5_000));
        assertThat(routes.diagnostics()).isEmpty();
        assertThat(routes.routes()).hasSize(5_000);
    }

    @Test
    void diffBenchmarkComparesTenThousandMatchingRows() {
        Instant t0 = Instant.EPOCH;
        SnapshotDiff d = SnapshotDiffer.diff(
                NetParsers.parse(ParserKind.IPTABLES_LIST, BenchInputs.iptablesListing(10_000, 1)).toSnapshot(t0),
                NetParsers.parse(ParserKind.IPTABLES_LIST, BenchInputs.iptablesListing(10_000, 3)).toSnapshot(t0.plusSeconds(2)));
        // Same rules, new counters: rows match by identity, and nearly all show counter deltas.
        assertThat(d.added()).isEmpty();
        assertThat(d.removed()).isEmpty();
        assertThat(d.changed().size()).isGreaterThan(9_000);
    }
}
