package io.labbench.watch.panel;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.netparse.snapshot.CellKind;
import io.labbench.netparse.snapshot.Column;
import io.labbench.netparse.snapshot.Row;
import io.labbench.netparse.snapshot.Snapshot;
import io.labbench.sessions.CommandException;
import io.labbench.watch.StudyWatches;
import io.labbench.watch.WatchDefinition;
import io.labbench.watch.run.WatchOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Successive snapshots of an AWS-SNAT-CHAIN-0-like table into what the panel shows. */
class WatchPanelModelTest {

    private static final List<Column> COLUMNS = List.of(
            new Column("pkts", CellKind.COUNTER), new Column("bytes", CellKind.COUNTER),
            new Column("target", CellKind.TEXT), new Column("destination", CellKind.TEXT),
            new Column("age", CellKind.TIME));
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private final WatchDefinition watch = StudyWatches.on("iptables-snat-0", "worker1").orElseThrow();
    private final WatchPanelModel model = new WatchPanelModel(watch, 300);
    private int refreshes;

    private static Row rule(String key, String pkts, String bytes, String target, String destination, String age) {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("pkts", pkts);
        cells.put("bytes", bytes);
        cells.put("target", target);
        cells.put("destination", destination);
        cells.put("age", age);
        return new Row(key, cells);
    }

    /** One refresh every 2 s. */
    private PanelState refresh(Row... rows) {
        Instant at = T0.plusSeconds(2L * refreshes++);
        Snapshot snapshot = new Snapshot("iptables-list", COLUMNS, List.of(rows), at, List.of());
        model.outcome(new WatchOutcome.Refreshed(at, text(rows), snapshot, Duration.ofMillis(5), ""));
        return model.state();
    }

    private static String text(Row... rows) {
        StringBuilder out = new StringBuilder();
        for (Row row : rows) {
            out.append(row.cell("pkts")).append(' ').append(row.cell("bytes")).append(' ')
                    .append(row.cell("target")).append(' ').append(row.cell("destination")).append('\n');
        }
        return out.toString();
    }

    private static CellView cell(PanelState state, String key, String column) {
        return state.row(key).orElseThrow(() -> new AssertionError("no row " + key)).cell(column).orElseThrow();
    }

    @Test
    void aChangedCellIsHighlightedAndFadesOverFourRefreshes() {
        refresh(rule("vpc", "0", "0", "RETURN", "172.30.0.0/16", "1s"));
        PanelState changed = refresh(rule("vpc", "0", "0", "SNAT", "172.30.0.0/16", "3s"));
        assertThat(cell(changed, "vpc", "target").changeAge()).isZero();
        assertThat(cell(changed, "vpc", "destination").highlighted()).isFalse();
        assertThat(cell(changed, "vpc", "age").highlighted()).as("time columns never count as a change").isFalse();

        List<Integer> ages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ages.add(cell(refresh(rule("vpc", "0", "0", "SNAT", "172.30.0.0/16", "5s")), "vpc", "target").changeAge());
        }
        assertThat(ages).containsExactly(1, 2, 3, CellView.UNCHANGED);
    }

    @Test
    void aNewRowIsMarkedUntilItsMarkFades() {
        refresh(rule("vpc", "0", "0", "RETURN", "172.30.0.0/16", ""));
        PanelState added = refresh(rule("vpc", "0", "0", "RETURN", "172.30.0.0/16", ""),
                rule("snat", "0", "0", "SNAT", "0.0.0.0/0", ""));
        assertThat(added.row("snat").orElseThrow().mark()).isEqualTo(RowMark.NEW);
        assertThat(added.row("vpc").orElseThrow().mark()).isEqualTo(RowMark.NONE);
        PanelState state = added;
        for (int i = 0; i < 3; i++) {
            state = refresh(rule("vpc", "0", "0", "RETURN", "172.30.0.0/16", ""), rule("snat", "0", "0", "SNAT", "0.0.0.0/0", ""));
            assertThat(state.row("snat").orElseThrow().markAge()).isEqualTo(i + 1);
        }
        state = refresh(rule("vpc", "0", "0", "RETURN", "172.30.0.0/16", ""), rule("snat", "0", "0", "SNAT", "0.0.0.0/0", ""));
        assertThat(state.row("snat").orElseThrow().mark()).isEqualTo(RowMark.NONE);
    }

    @Test
    void aRemovedRowStaysStruckThroughForOneRefreshWhereItWas() {
        refresh(rule("a", "0", "0", "RETURN", "10.0.0.0/8", ""), rule("b", "0", "0", "SNAT", "0.0.0.0/0", ""),
                rule("c", "0", "0", "ACCEPT", "0.0.0.0/0", ""));
        PanelState removed = refresh(rule("a", "0", "0", "RETURN", "10.0.0.0/8", ""), rule("c", "0", "0", "ACCEPT", "0.0.0.0/0", ""));
        assertThat(removed.rows()).extracting(RowView::key).containsExactly("a", "b", "c");
        assertThat(removed.row("b").orElseThrow().mark()).isEqualTo(RowMark.REMOVED);
        PanelState next = refresh(rule("a", "0", "0", "RETURN", "10.0.0.0/8", ""), rule("c", "0", "0", "ACCEPT", "0.0.0.0/0", ""));
        assertThat(next.rows()).extracting(RowView::key).containsExactly("a", "c");
    }

    @Test
    void countersGetDeltaRateAndASparklineOfRates() {
        refresh(rule("snat", "10", "840", "SNAT", "0.0.0.0/0", ""));
        refresh(rule("snat", "20", "1680", "SNAT", "0.0.0.0/0", ""));
        PanelState state = refresh(rule("snat", "25", "2100", "SNAT", "0.0.0.0/0", ""));
        CounterView pkts = cell(state, "snat", "pkts").counter().orElseThrow();
        assertThat(pkts.hasDelta()).isTrue();
        assertThat(pkts.delta()).isEqualTo(5);
        assertThat(pkts.ratePerSecond()).isEqualTo(2.5);
        assertThat(pkts.sparkline()).containsExactly(5.0, 2.5);
        assertThat(cell(state, "snat", "pkts").changeAge()).as("a moving counter is highlighted").isZero();
        CounterView bytes = cell(state, "snat", "bytes").counter().orElseThrow();
        assertThat(bytes.delta()).isEqualTo(420);
        assertThat(bytes.ratePerSecond()).isEqualTo(210.0);

        PanelState quiet = refresh(rule("snat", "25", "2100", "SNAT", "0.0.0.0/0", ""));
        CounterView still = cell(quiet, "snat", "pkts").counter().orElseThrow();
        assertThat(still.delta()).isZero();
        assertThat(still.sparkline()).containsExactly(5.0, 2.5, 0.0);
    }

    @Test
    void aCounterThatGoesDownIsAResetCountingFromZero() {
        refresh(rule("snat", "500", "42000", "SNAT", "0.0.0.0/0", ""));
        model.mark(T0.plusSeconds(1), "zeroed nat AWS-SNAT-CHAIN-0");
        PanelState state = refresh(rule("snat", "3", "252", "SNAT", "0.0.0.0/0", ""));
        CounterView pkts = cell(state, "snat", "pkts").counter().orElseThrow();
        assertThat(pkts.reset()).isTrue();
        assertThat(pkts.delta()).isEqualTo(3);
        assertThat(state.marks()).extracting(m -> m.label()).containsExactly("zeroed nat AWS-SNAT-CHAIN-0");
    }

    @Test
    void suffixedCountersAreMarkedApproximate() {
        refresh(rule("snat", "12K", "3M", "SNAT", "0.0.0.0/0", ""));
        PanelState state = refresh(rule("snat", "13K", "3M", "SNAT", "0.0.0.0/0", ""));
        CounterView pkts = cell(state, "snat", "pkts").counter().orElseThrow();
        assertThat(pkts.approximate()).isTrue();
        assertThat(pkts.delta()).isEqualTo(1000);
        PanelState exact = refresh(rule("snat", "13000", "3000000", "SNAT", "0.0.0.0/0", ""));
        CounterView printedExactly = cell(exact, "snat", "pkts").counter().orElseThrow();
        assertThat(printedExactly.approximate()).as("13000 is printed exactly").isFalse();
        assertThat(printedExactly.reset()).as("13K then 13000 is the same count, not a reset").isFalse();
        assertThat(printedExactly.delta()).isZero();
    }

    @Test
    void aFailedRunKeepsTheLastGoodSnapshotAndSaysWhy() {
        refresh(rule("snat", "1", "84", "SNAT", "0.0.0.0/0", ""));
        model.outcome(new WatchOutcome.CommandFailed(T0.plusSeconds(5), 1,
                "iptables: No chain/target/match by that name.\n", "", Duration.ofMillis(3)));
        PanelState failing = model.state();
        assertThat(failing.status()).isEqualTo(RunStatus.FAILING);
        assertThat(failing.problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("exited with 1").contains("No chain/target/match by that name"));
        assertThat(failing.rows()).extracting(RowView::key).containsExactly("snat");

        model.outcome(new WatchOutcome.NotRun(T0.plusSeconds(7), CommandException.Reason.NOT_CONNECTED, "worker1 is down"));
        assertThat(model.state().status()).isEqualTo(RunStatus.STALE);
        assertThat(model.state().rows()).extracting(RowView::key).containsExactly("snat");

        PanelState back = refresh(rule("snat", "2", "168", "SNAT", "0.0.0.0/0", ""));
        assertThat(back.status()).isEqualTo(RunStatus.LIVE);
        assertThat(back.problem()).isEmpty();
    }

    @Test
    void historyIsBoundedAndScrubbingShowsAPastPointUntilLiveAgain() {
        WatchPanelModel small = new WatchPanelModel(watch, 5);
        for (int i = 0; i < 8; i++) {
            Instant at = T0.plusSeconds(2L * i);
            Row row = rule("snat", String.valueOf(i * 10), String.valueOf(i * 840), "SNAT", "0.0.0.0/0", "");
            small.outcome(new WatchOutcome.Refreshed(at, "", new Snapshot("iptables-list", COLUMNS, List.of(row), at, List.of()),
                    Duration.ZERO, ""));
        }
        assertThat(small.state().historySize()).isEqualTo(5);
        assertThat(small.state().historyTimes().get(0)).isEqualTo(T0.plusSeconds(6));

        small.showPoint(1);
        PanelState past = small.state();
        assertThat(past.live()).isFalse();
        assertThat(past.shownAt()).contains(T0.plusSeconds(8));
        assertThat(past.rows().get(0).value("pkts")).isEqualTo("40");

        Instant later = T0.plusSeconds(20);
        small.outcome(new WatchOutcome.Refreshed(later, "", new Snapshot("iptables-list", COLUMNS,
                List.of(rule("snat", "100", "8400", "SNAT", "0.0.0.0/0", "")), later, List.of()), Duration.ZERO, ""));
        assertThat(small.state().shownAt()).as("a pinned point stays shown").contains(T0.plusSeconds(8));
        small.showLive();
        assertThat(small.state().rows().get(0).value("pkts")).isEqualTo("100");

        ComparedPoints compared = small.compare(0, 4);
        assertThat(compared.diff().changed()).singleElement().satisfies(change ->
                assertThat(change.counters()).anySatisfy(c -> {
                    assertThat(c.column()).isEqualTo("pkts");
                    assertThat(c.delta()).isEqualTo(100 - 40);
                }));
    }

    @Test
    void snapshotTextGivesTheShownSnapshotAndWhatChangedSinceThePointBefore() {
        assertThat(model.snapshotText(io.labbench.watch.export.ExportFormat.MARKDOWN)).as("before any output").isEmpty();
        refresh(rule("return", "0", "0", "RETURN", "172.30.0.0/16", ""), rule("snat", "10", "840", "SNAT", "0.0.0.0/0", ""));
        String first = model.snapshotText(io.labbench.watch.export.ExportFormat.MARKDOWN).orElseThrow();
        assertThat(first).startsWith("### AWS-SNAT-CHAIN-0 · worker1").contains("| 10 | 840 | SNAT | 0.0.0.0/0 |")
                .doesNotContain("| change |");

        refresh(rule("return", "0", "0", "RETURN", "172.30.0.0/16", ""), rule("snat", "13", "1092", "SNAT", "0.0.0.0/0", ""));
        String second = model.snapshotText(io.labbench.watch.export.ExportFormat.MARKDOWN).orElseThrow();
        assertThat(second).contains("| 13 | 1092 | SNAT | 0.0.0.0/0 |")
                .contains("| changed | snat | pkts +3 (1.5/s); bytes +252 (126.0/s) |");
        assertThat(model.snapshotText(io.labbench.watch.export.ExportFormat.TEXT).orElseThrow())
                .startsWith("worker1$ iptables -t nat -L AWS-SNAT-CHAIN-0 -n -v -x").contains("pkts +3");

        model.showPoint(0);
        assertThat(model.snapshotText(io.labbench.watch.export.ExportFormat.MARKDOWN).orElseThrow())
                .as("what the learner is looking at, also when scrubbed back").contains("| 10 | 840 |").doesNotContain("| 13 |");
    }

    @Test
    void listenersHearEveryChange() {
        List<PanelState> heard = new ArrayList<>();
        model.addListener(heard::add);
        refresh(rule("snat", "1", "84", "SNAT", "0.0.0.0/0", ""));
        model.setPaused(true);
        assertThat(heard).extracting(PanelState::status)
                .containsExactly(RunStatus.WAITING, RunStatus.LIVE, RunStatus.PAUSED);
    }

    @Test
    void rawTextCarriesWatchDashDCharacterHighlights() {
        refresh(rule("snat", "10", "840", "SNAT", "0.0.0.0/0", ""));
        PanelState state = refresh(rule("snat", "19", "840", "SNAT", "0.0.0.0/0", ""));
        assertThat(state.rawLines()).hasSize(1);
        assertThat(state.rawLines().get(0).text()).isEqualTo("19 840 SNAT 0.0.0.0/0");
        assertThat(state.rawLines().get(0).changed()).extracting(s -> s.start() + ".." + s.end()).containsExactly("1..2");
    }
}
