package io.labbench.watch.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.netparse.ParserKind;
import io.labbench.sessions.CommandRunner;
import io.labbench.watch.StudyWatches;
import io.labbench.watch.WatchDefinition;
import io.labbench.watch.panel.PanelState;
import io.labbench.watch.panel.RowView;
import io.labbench.watch.panel.WatchPanelModel;
import io.labbench.watch.testing.CannedOutputRunner;
import io.labbench.watch.testing.CountingRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A watch on one iptables chain shows the table its command lists: {@code iptables -t nat -L CHAIN}
 * prints the chain without its table, so the watch passes the command's {@code -t} to the parser. The node
 * answers with output captured from the real command.
 */
class IptablesTableOfAWatchTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final WatchScheduler scheduler = new WatchScheduler();

    @AfterEach
    void stop() {
        scheduler.close();
    }

    @Test
    void theSnatChainWatchsRowsSayNat() throws Exception {
        WatchDefinition watch = StudyWatches.on("iptables-snat-0", "worker1").orElseThrow();
        CountingRunner node = new CountingRunner(
                new CannedOutputRunner("worker1", "iptables-t-nat-L-AWS-SNAT-CHAIN-0-n-v-x.txt"));
        RowView row = firstRow(watch, node);
        assertThat(row.value("table")).isEqualTo("nat");
        assertThat(row.value("chain")).isEqualTo("AWS-SNAT-CHAIN-0");
        assertThat(row.value("target")).isEqualTo("SNAT");
        assertThat(row.key()).startsWith("nat AWS-SNAT-CHAIN-0 SNAT");
        assertThat(node.runs()).isPositive();
    }

    @Test
    void aTypedWatchOnManglesPreroutingSaysMangleWhereTheChainAloneWouldSayNat() throws Exception {
        WatchDefinition watch = WatchDefinition.custom("worker1", "sudo iptables --table=mangle -L PREROUTING -n -v -x",
                Optional.of(ParserKind.IPTABLES_LIST), Duration.ofMillis(500));
        CannedOutputRunner node = new CannedOutputRunner("worker1", "iptables-t-mangle-L-PREROUTING-n-v-x.txt");
        PanelState state = shown(watch, node);
        assertThat(state.rows()).extracting(r -> r.value("table") + " " + r.value("chain") + " " + r.value("target"))
                .containsExactlyInAnyOrder("mangle PREROUTING ", "mangle PREROUTING CONNMARK");
        // the reader without the command's hint: what the panel showed before
        assertThat(new NetparseSnapshotReader().read(watch.parser(), node.run("", WAIT).stdout(), Instant.EPOCH)
                .rows()).extracting(r -> r.cell("table")).containsOnly("nat");
    }

    @Test
    void theHintComesFromTheCommandAsTypedNotTheSudoWrapperAroundIt() throws Exception {
        WatchDefinition watch = StudyWatches.on("iptables-snat-0", "worker1").orElseThrow();
        assertThat(watch.privileged()).isTrue();
        assertThat(watch.executedCommand()).contains("sudo -n sh -c");
        CannedOutputRunner node = new CannedOutputRunner("worker1", "iptables-t-nat-L-AWS-SNAT-CHAIN-0-n-v-x.txt");
        assertThat(firstRow(watch, node).value("table")).isEqualTo("nat");
        assertThat(node.commands()).first().isEqualTo(watch.executedCommand());
        assertThat(watch.parseHints().iptablesTable()).contains("nat");
    }

    private RowView firstRow(WatchDefinition watch, CommandRunner node) throws Exception {
        PanelState state = shown(watch, node);
        assertThat(state.rows()).hasSize(1);
        return state.rows().get(0);
    }

    /** What the panel shows after the first refresh. */
    private PanelState shown(WatchDefinition watch, CommandRunner node) throws Exception {
        WatchPanelModel model = new WatchPanelModel(watch);
        try (WatchRunner runner = new WatchRunner(watch, name -> name.equals(node.endpointName())
                ? Optional.of(node) : Optional.empty(), new NetparseSnapshotReader(), scheduler, model, Clock.systemUTC())) {
            runner.resume();
            return await(model, s -> !s.rows().isEmpty());
        }
    }

    private static PanelState await(WatchPanelModel model, Predicate<PanelState> test) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            PanelState state = model.state();
            if (test.test(state)) {
                return state;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Panel never showed rows; last: " + state.status() + " " + state.problem());
            }
            Thread.sleep(20);
        }
    }
}
