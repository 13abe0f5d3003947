package io.labbench.netparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.netparse.model.IptablesChain;
import io.labbench.netparse.model.IptablesTable;
import io.labbench.netparse.model.SavedTable;
import io.labbench.netparse.snapshot.Row;
import io.labbench.netparse.snapshot.Snapshot;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The table the command listed, passed as a hint, names what the listing cannot: captured one-chain
 * listings (src/test/capture/capture.sh) read with and without the watch's command.
 */
class ParseHintsTest {
    private static final String SNAT_CHAIN = Resources.text("captured/iptables-t-nat-L-AWS-SNAT-CHAIN-0-n-v-x.txt");
    private static final String SNAT_RULES = Resources.text("captured/iptables-t-nat-S-AWS-SNAT-CHAIN-0.txt");
    private static final String MANGLE_PREROUTING = Resources.text("captured/iptables-t-mangle-L-PREROUTING-n-v-x.txt");

    private static IptablesListResult list(String text, ParseHints hints) {
        IptablesListResult r = (IptablesListResult) NetParsers.parse(ParserKind.IPTABLES_LIST, text, hints);
        assertThat(r.diagnostics()).isEmpty();
        return r;
    }

    @Test
    void aUserChainOfNatListedWithTheCommandsTableSaysNat() {
        IptablesListResult r = list(SNAT_CHAIN, ParseHints.forCommand("iptables -t nat -L AWS-SNAT-CHAIN-0 -n -v -x"));
        assertThat(r.tables()).extracting(IptablesTable::name).containsExactly("nat");
        assertThat(r.tables().get(0).chains()).extracting(IptablesChain::name).containsExactly("AWS-SNAT-CHAIN-0");
        Snapshot s = r.toSnapshot(Instant.EPOCH);
        assertThat(s.rows()).singleElement().satisfies(row -> {
            assertThat(row.cell("table")).isEqualTo("nat");
            assertThat(row.cell("target")).isEqualTo("SNAT");
            assertThat(row.key()).startsWith("nat AWS-SNAT-CHAIN-0 SNAT");
        });
    }

    @Test
    void withoutTheHintTheSameChainStillFallsBackToFilter() {
        assertThat(list(SNAT_CHAIN, ParseHints.NONE).tables()).extracting(IptablesTable::name).containsExactly("filter");
        IptablesListResult twoArguments = (IptablesListResult) NetParsers.parse(ParserKind.IPTABLES_LIST, SNAT_CHAIN);
        assertThat(twoArguments.toSnapshot(Instant.EPOCH).rows()).extracting(row -> row.cell("table"))
                .containsExactly("filter");
    }

    @Test
    void theCommandsTableWinsOverTheBuiltInChainsGuess() {
        // A lone PREROUTING is in nat, mangle and raw; the chains alone guess nat.
        assertThat(list(MANGLE_PREROUTING, ParseHints.NONE).tables().get(0).name()).isEqualTo("nat");
        IptablesListResult r = list(MANGLE_PREROUTING, ParseHints.forCommand("sudo iptables -t mangle -L PREROUTING -n -v -x"));
        assertThat(r.tables()).extracting(IptablesTable::name).containsExactly("mangle");
        assertThat(r.toSnapshot(Instant.EPOCH).rows()).extracting(row -> row.cell("table") + " " + row.cell("chain")
                + " " + row.cell("target")).containsExactly("mangle PREROUTING ", "mangle PREROUTING CONNMARK");
    }

    @Test
    void aUserChainOfNatAsRulesSaysNatWithTheHintAndFilterWithout() {
        IptablesRulesResult hinted = (IptablesRulesResult) NetParsers.parse(ParserKind.IPTABLES_RULES, SNAT_RULES,
                ParseHints.forCommand("iptables -t nat -S AWS-SNAT-CHAIN-0"));
        assertThat(hinted.diagnostics()).isEmpty();
        assertThat(hinted.tables()).extracting(SavedTable::name).containsExactly("nat");
        assertThat(hinted.toSnapshot(Instant.EPOCH).rows()).extracting(row -> row.cell("table")).containsOnly("nat");
        IptablesRulesResult plain = (IptablesRulesResult) NetParsers.parse(ParserKind.IPTABLES_RULES, SNAT_RULES);
        assertThat(plain.tables()).extracting(SavedTable::name).containsExactly("filter");
    }

    @Test
    void tablesTheOutputNamesItselfKeepTheirNames() {
        // iptables-save prints *mangle, *filter, *nat; a hint (a wrong one, even) names none of them.
        IptablesRulesResult r = (IptablesRulesResult) NetParsers.parse(ParserKind.IPTABLES_RULES,
                Resources.text("captured/iptables-save-c.txt"), ParseHints.iptablesTable("raw"));
        assertThat(r.tables()).extracting(SavedTable::name).containsExactly("mangle", "filter", "nat");
    }

    @Test
    void autoDetectionUsesTheHintToo() {
        ParseResult r = NetParsers.parse(ParserKind.AUTO, SNAT_CHAIN, ParseHints.iptablesTable("nat"));
        assertThat(r.kind()).isEqualTo(ParserKind.IPTABLES_LIST);
        assertThat(((IptablesListResult) r).tables().get(0).name()).isEqualTo("nat");
    }

    @Test
    void aWatchScreensHeaderNamesTheTableAndWithoutOneTheCallersHintDoes() {
        String screen = Resources.text("captured/watch-iptables-snat.txt");
        // Header: sudo iptables -v --numeric --table nat --list …; a caller's other hint does not override it.
        WatchScreenResult withHeader = (WatchScreenResult) NetParsers.parse(ParserKind.WATCH_SCREEN, screen,
                ParseHints.iptablesTable("mangle"));
        assertThat(tableOfFirstSection(withHeader)).isEqualTo("nat");
        String body = screen.substring(screen.indexOf('\n') + 1);
        assertThat(tableOfFirstSection((WatchScreenResult) NetParsers.parse(ParserKind.WATCH_SCREEN, body)))
                .isEqualTo("filter");
        assertThat(tableOfFirstSection((WatchScreenResult) NetParsers.parse(ParserKind.WATCH_SCREEN, body,
                ParseHints.iptablesTable("nat")))).isEqualTo("nat");
    }

    private static String tableOfFirstSection(WatchScreenResult r) {
        return ((IptablesListResult) r.sections().get(0).result()).tables().get(0).name();
    }

    @Test
    void aHintNamesATableIptablesKnows() {
        assertThat(ParseHints.forCommand("ip route show")).isEqualTo(ParseHints.NONE);
        assertThat(ParseHints.forCommand("iptables -t raw -S").iptablesTable()).isEqualTo(Optional.of("raw"));
        assertThatThrownBy(() -> ParseHints.iptablesTable("NAT"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown iptables table 'NAT'").hasMessageContaining("filter, nat, mangle, raw, security");
    }

    @Test
    void rowKeysFollowTheTableSoAHintedWatchKeepsItsRowsStable() {
        // Two refreshes read with the same command give the same keys: the hint is part of the identity.
        ParseHints nat = ParseHints.forCommand("iptables -t nat -L AWS-SNAT-CHAIN-0 -n -v -x");
        assertThat(list(SNAT_CHAIN, nat).toSnapshot(Instant.EPOCH).rows()).extracting(Row::key)
                .isEqualTo(list(SNAT_CHAIN, nat).toSnapshot(Instant.EPOCH.plusSeconds(2)).rows().stream().map(Row::key).toList());
    }
}
