package io.labbench.netparse.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.netparse.NetParsers;
import io.labbench.netparse.ParserKind;
import io.labbench.netparse.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Diffs between two moments of real outputs, edited the way the lab changes them. */
class SnapshotDifferTest {
    private static final Instant T0 = Instant.parse("2026-01-24T23:06:00Z");
    private static final Instant T2 = T0.plusSeconds(2);

    private static Snapshot snap(ParserKind kind, String text, Instant at) {
        return NetParsers.parse(kind, text).toSnapshot(at);
    }

    private static final String LISTING = Resources.text("captured/iptables-L-n-v-x-line-numbers.txt");

    @Test
    void sameOutputTwiceIsNoChange() {
        SnapshotDiff d = SnapshotDiffer.diff(snap(ParserKind.IPTABLES_LIST, LISTING, T0), snap(ParserKind.IPTABLES_LIST, LISTING, T2));
        assertThat(d.isEmpty()).isTrue();
        assertThat(d.interval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void insertedRuleIsOneAdditionAndDoesNotShiftTheOthers() {
        String newer = LISTING.replace(
                "1           0        0 ACCEPT     0    --  lo     *       0.0.0.0/0            0.0.0.0/0           \n",
                "1           0        0 DROP       0    --  *      *       10.9.9.9             0.0.0.0/0           \n"
                        + "2           0        0 ACCEPT     0    --  lo     *       0.0.0.0/0            0.0.0.0/0           \n")
                .replace("\n2           4      222 ACCEPT", "\n3           4      222 ACCEPT")
                .replace("\n3         202   205768 ACCEPT", "\n4         202   205768 ACCEPT");
        assertThat(newer).isNotEqualTo(LISTING);
        SnapshotDiff d = SnapshotDiffer.diff(snap(ParserKind.IPTABLES_LIST, LISTING, T0), snap(ParserKind.IPTABLES_LIST, newer, T2));
        assertThat(d.added()).singleElement().satisfies(r -> {
            assertThat(r.cell("target")).isEqualTo("DROP");
            assertThat(r.cell("source")).isEqualTo("10.9.9.9");
        });
        assertThat(d.removed()).isEmpty();
        assertThat(d.changed()).as("renumbered rules are not changes").isEmpty();
    }

    @Test
    void counterGrowthGivesDeltaAndRateEvenWhenNothingElseChanged() {
        String newer = LISTING.replace("3         202   205768 ACCEPT", "3         212   216008 ACCEPT");
        SnapshotDiff d = SnapshotDiffer.diff(snap(ParserKind.IPTABLES_LIST, LISTING, T0), snap(ParserKind.IPTABLES_LIST, newer, T2));
        assertThat(d.added()).isEmpty();
        assertThat(d.changed()).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("filter INPUT ACCEPT 1 -- * * 0.0.0.0/0 0.0.0.0/0");
            assertThat(c.countersOnly()).isTrue();
            assertThat(c.counters()).containsExactly(
                    new CounterDelta("packets", 10, 5.0, false, false),
                    new CounterDelta("bytes", 10_240, 5_120.0, false, false));
        });
    }

    @Test
    void zeroedCountersAreAResetNotANegativeDelta() {
        // iptables -Z between the two listings, then 3 packets.
        String newer = LISTING.replace("3         202   205768 ACCEPT", "3           3      252 ACCEPT");
        SnapshotDiff d = SnapshotDiffer.diff(snap(ParserKind.IPTABLES_LIST, LISTING, T0), snap(ParserKind.IPTABLES_LIST, newer, T2));
        assertThat(d.changed()).singleElement().satisfies(c -> assertThat(c.counters()).containsExactly(
                new CounterDelta("packets", 3, 1.5, true, false),
                new CounterDelta("bytes", 252, 126.0, true, false)));
    }

    @Test
    void suffixedCountersAreApproximateExactOnesAreNot() {
        String older = Resources.text("captured/iptables-L-n-v.txt");
        String newer = older.replace("  202  206K ACCEPT", " 1202 1206K ACCEPT");
        SnapshotDiff d = SnapshotDiffer.diff(snap(ParserKind.IPTABLES_LIST, older, T0), snap(ParserKind.IPTABLES_LIST, newer, T2));
        assertThat(d.changed()).singleElement().satisfies(c -> {
            assertThat(c.counters().get(0)).isEqualTo(new CounterDelta("packets", 1000, 500.0, false, false));
            assertThat(c.counters().get(1)).isEqualTo(new CounterDelta("bytes", 1_000_000, 500_000.0, false, true));
        });
    }

    @Test
    void exactValueBelowItsRoundedFormIsNotAReset() {
        // 13K may stand for 12,500..13,499, so a later exact 12,999 is not a counter going down.
        Row older = new Row("k", java.util.Map.of("bytes", "13K"));
        Row newer = new Row("k", java.util.Map.of("bytes", "12999"));
        List<Column> columns = List.of(new Column("bytes", CellKind.COUNTER));
        SnapshotDiff d = SnapshotDiffer.diff(new Snapshot("x", columns, List.of(older), T0, List.of()),
                new Snapshot("x", columns, List.of(newer), T2, List.of()));
        assertThat(d.changed()).isEmpty();
    }

    @Test
    void textChangeListsCellsWithOldAndNewValues() {
        String older = Resources.text("captured/ip-link.txt");
        String newer = older.replace("mtu 9001 qdisc noqueue state UP", "mtu 1500 qdisc noqueue state DOWN");
        SnapshotDiff d = SnapshotDiffer.diff(snap(ParserKind.IP_LINK, older, T0), snap(ParserKind.IP_LINK, newer, T2));
        assertThat(d.changed()).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("ens5");
            assertThat(c.cells()).containsExactlyInAnyOrder(new CellChange("mtu", "9001", "1500"),
                    new CellChange("state", "UP", "DOWN"));
            assertThat(c.counters()).isEmpty();
        });
    }

    @Test
    void podRouteAppearsAndDisappears() {
        String older = Resources.text("captured/route-n.txt");
        String newer = older + "172.30.46.81    0.0.0.0         255.255.255.255 UH    0      0        0 eni0a1b2c3d4e5\n";
        String without = older.lines().filter(l -> !l.contains("eni5e7e4a0a4d8")).reduce("", (a, b) -> a + b + "\n");
        SnapshotDiff up = SnapshotDiffer.diff(snap(ParserKind.ROUTE_N, older, T0), snap(ParserKind.ROUTE_N, newer, T2));
        assertThat(up.added()).extracting(Row::key).containsExactly("main 172.30.46.81 0");
        SnapshotDiff down = SnapshotDiffer.diff(snap(ParserKind.ROUTE_N, older, T0), snap(ParserKind.ROUTE_N, without, T2));
        assertThat(down.removed()).extracting(Row::key).containsExactly("main 172.30.46.80 0");
    }

    @Test
    void conntrackTimeoutTicksWithoutCountingAsChange() {
        String older = Resources.text("captured/conntrack-L.txt");
        String newer = older.replace("tcp      6 431998 ESTABLISHED", "tcp      6 431996 ESTABLISHED")
                .replace("udp      17 28 src", "udp      17 26 src");
        SnapshotDiff d = SnapshotDiffer.diff(snap(ParserKind.CONNTRACK, older, T0), snap(ParserKind.CONNTRACK, newer, T2));
        assertThat(d.isEmpty()).isTrue();
        String replied = older.replace("sport=40001 dport=5353 [UNREPLIED] src", "sport=40001 dport=5353 src");
        SnapshotDiff d2 = SnapshotDiffer.diff(snap(ParserKind.CONNTRACK, older, T0), snap(ParserKind.CONNTRACK, replied, T2));
        assertThat(d2.changed()).singleElement().satisfies(c -> assertThat(c.cells())
                .containsExactly(new CellChange("flags", "UNREPLIED", "")));
    }

    @Test
    void kubectlAgeIsTimeLikeButStatusIsNot() {
        String older = Resources.text("fixtures/kubectl-get-pods-o-wide-ebs-csi-node.txt");
        String aged = older.replace("   16m   ", "   18m   ");
        assertThat(SnapshotDiffer.diff(snap(ParserKind.KUBECTL_TABLE, older, T0), snap(ParserKind.KUBECTL_TABLE, aged, T2))
                .isEmpty()).isTrue();
        String pending = older.replace("ebs-csi-node-55nxx   3/3     Running ", "ebs-csi-node-55nxx   0/3     Pending ");
        SnapshotDiff d = SnapshotDiffer.diff(snap(ParserKind.KUBECTL_TABLE, older, T0), snap(ParserKind.KUBECTL_TABLE, pending, T2));
        assertThat(d.changed()).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("ebs-csi-node-55nxx");
            assertThat(c.cells()).containsExactlyInAnyOrder(new CellChange("READY", "3/3", "0/3"),
                    new CellChange("STATUS", "Running", "Pending"));
        });
    }

    @Test
    void podRestartIsACounterAndItsAgeIsNoise() {
        String older = """
                NAME    READY   STATUS    RESTARTS      AGE
                pod-1   1/1     Running   1 (5m ago)    12m
                """;
        String later = older.replace("1 (5m ago)    12m", "1 (7m ago)    14m");
        String restarted = older.replace("1 (5m ago)    12m", "2 (3s ago)    14m");
        assertThat(SnapshotDiffer.diff(snap(ParserKind.KUBECTL_TABLE, older, T0), snap(ParserKind.KUBECTL_TABLE, later, T2))
                .isEmpty()).isTrue();
        SnapshotDiff d = SnapshotDiffer.diff(snap(ParserKind.KUBECTL_TABLE, older, T0), snap(ParserKind.KUBECTL_TABLE, restarted, T2));
        assertThat(d.changed()).singleElement().satisfies(c ->
                assertThat(c.counters()).containsExactly(new CounterDelta("RESTARTS", 1, 0.5, false, false)));
    }

    @Test
    void identicalRulesInOneChainAreBothKept() {
        String text = "Chain INPUT (policy ACCEPT 0 packets, 0 bytes)\n"
                + " pkts bytes target     prot opt in     out     source               destination\n"
                + "    1    60 ACCEPT     0    --  lo     *       0.0.0.0/0            0.0.0.0/0\n"
                + "    2   120 ACCEPT     0    --  lo     *       0.0.0.0/0            0.0.0.0/0\n";
        Snapshot s = snap(ParserKind.IPTABLES_LIST, text, T0);
        assertThat(s.rows()).extracting(Row::key).containsExactly("filter INPUT :policy",
                "filter INPUT ACCEPT 0 -- lo * 0.0.0.0/0 0.0.0.0/0",
                "filter INPUT ACCEPT 0 -- lo * 0.0.0.0/0 0.0.0.0/0 #2");
    }

    @Test
    void iptablesSaveCountersDiffPerRule() {
        String older = Resources.text("captured/iptables-save-c.txt");
        String newer = older.replace("[0:0] -A AWS-SNAT-CHAIN-0", "[7:588] -A AWS-SNAT-CHAIN-0");
        SnapshotDiff d = SnapshotDiffer.diff(snap(ParserKind.IPTABLES_RULES, older, T0), snap(ParserKind.IPTABLES_RULES, newer, T2));
        assertThat(d.changed()).singleElement().satisfies(c -> {
            assertThat(c.key()).startsWith("nat AWS-SNAT-CHAIN-0 ! -d 172.30.0.0/16");
            assertThat(c.counters()).extracting(CounterDelta::delta).containsExactly(7L, 588L);
        });
    }

    @Test
    void counterValueReadsSuffixes() {
        assertThat(CounterValue.parse("13K")).contains(new CounterValue(13_000, true));
        assertThat(CounterValue.parse("2M")).contains(new CounterValue(2_000_000, true));
        assertThat(CounterValue.parse("3G")).contains(new CounterValue(3_000_000_000L, true));
        assertThat(CounterValue.parse("1T")).contains(new CounterValue(1_000_000_000_000L, true));
        assertThat(CounterValue.parse("205768")).contains(new CounterValue(205_768, false));
        assertThat(CounterValue.parse("K")).isEmpty();
        assertThat(CounterValue.parse("-1")).isEmpty();
        assertThat(CounterValue.parse("99999999999999999999")).isEmpty();
        assertThat(CounterValue.parse("")).isEmpty();
    }
}
