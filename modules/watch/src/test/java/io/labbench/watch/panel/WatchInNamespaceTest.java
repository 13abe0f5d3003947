package io.labbench.watch.panel;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.netparse.ParserKind;
import io.labbench.sessions.CommandResult;
import io.labbench.watch.StudyWatches;
import io.labbench.watch.WatchDefinition;
import io.labbench.watch.ZeroCountersTarget;
import io.labbench.watch.run.NetparseSnapshotReader;
import io.labbench.watch.run.WatchRunner;
import io.labbench.watch.run.WatchScheduler;
import io.labbench.watch.testing.LocalShellRunner;
import io.labbench.watch.testing.NetworkNamespace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Watches against a real network namespace: real {@code ip} and {@code iptables} output, read by the
 * real parsers, through the runner and into the panel model.
 */
class WatchInNamespaceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final WatchScheduler scheduler = new WatchScheduler();
    private NetworkNamespace ns;

    @BeforeEach
    void namespace() throws Exception {
        ns = NetworkNamespace.create();
    }

    @AfterEach
    void cleanUp() throws Exception {
        scheduler.close();
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void theRoutesWatchShowsANewEniRouteAsANewRow() throws Exception {
        WatchDefinition routes = StudyWatches.on("routes", "worker1").orElseThrow().withInterval(Duration.ofMillis(500));
        WatchPanelModel model = new WatchPanelModel(routes);
        LocalShellRunner shell = LocalShellRunner.inNamespace("worker1", ns.name());
        // veths, as the local lab builds ENIs (no dummy driver needed)
        ns.exec("ip link add ens5 type veth peer name ens5p && ip link set ens5 up && ip link set ens5p up"
                + " && ip addr add 172.30.46.72/19 dev ens5");
        try (WatchRunner runner = new WatchRunner(routes, name -> Optional.of(shell), new NetparseSnapshotReader(),
                scheduler, model, Clock.systemUTC())) {
            runner.resume();
            await(model, s -> s.rows().size() >= 1);
            ns.exec("ip link add eni1a2b3c4d5e6 type veth peer name podside && ip link set podside up && ip link set eni1a2b3c4d5e6 up"
                    + " && ip route add 172.30.40.10 dev eni1a2b3c4d5e6 scope link");
            PanelState withPod = await(model, s -> s.rows().stream().anyMatch(r ->
                    r.mark() == RowMark.NEW && r.cells().stream().anyMatch(c -> c.value().contains("eni1a2b3c4d5e6"))));
            assertThat(withPod.status()).isEqualTo(RunStatus.LIVE);
            ns.exec("ip link del eni1a2b3c4d5e6");
            await(model, s -> s.rows().stream().anyMatch(r -> r.mark() == RowMark.REMOVED));
        }
    }

    @Test
    void countersMoveWithTrafficAndZeroingThemIsAResetWithATimelineMark() throws Exception {
        String chain = "LBT-" + ns.name().substring(4).toUpperCase();
        ns.exec("iptables -t mangle -N " + chain + " && iptables -t mangle -A OUTPUT -j " + chain
                + " && iptables -t mangle -A " + chain + " -p icmp -j RETURN");
        WatchDefinition watch = new WatchDefinition("iptables-test", chain, "worker1",
                "iptables -t mangle -L " + chain + " -n -v -x", Optional.of(ParserKind.IPTABLES_LIST),
                Duration.ofMillis(500), true, Optional.of(ZeroCountersTarget.chain("mangle", chain)), "");
        WatchPanelModel model = new WatchPanelModel(watch);
        LocalShellRunner shell = LocalShellRunner.inNamespace("worker1", ns.name());
        try (WatchRunner runner = new WatchRunner(watch, name -> Optional.of(shell), new NetparseSnapshotReader(),
                scheduler, model, Clock.systemUTC())) {
            runner.resume();
            PanelState first = await(model, s -> s.rows().size() == 1);
            // The listing prints the user chain without its table; the command's -t mangle names it.
            assertThat(first.rows().get(0).value("table")).isEqualTo("mangle");
            ns.exec("ping -c 3 -i 0.2 127.0.0.1 > /dev/null");
            PanelState moving = await(model, s -> packets(s).map(c -> c.delta() > 0).orElse(false));
            CounterView packets = packets(moving).orElseThrow();
            assertThat(packets.ratePerSecond()).isPositive();
            assertThat(packets.approximate()).isFalse();

            CommandResult zeroed = runner.zeroCounters().get(30, TimeUnit.SECONDS);
            assertThat(zeroed.exitCode()).as(zeroed.stderr()).isZero();
            model.mark(Instant.now(), "zeroed " + watch.zeroCounters().orElseThrow().describe());
            PanelState reset = await(model, s -> packets(s).map(CounterView::reset).orElse(false));
            assertThat(reset.rows().get(0).value("packets")).isEqualTo("0");
            assertThat(reset.marks()).singleElement().satisfies(m -> assertThat(m.label()).contains(chain));
        }
    }

    private static Optional<CounterView> packets(PanelState state) {
        return state.rows().stream().findFirst().flatMap(r -> r.cell("packets")).flatMap(CellView::counter);
    }

    private static PanelState await(WatchPanelModel model, Predicate<PanelState> test) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            PanelState state = model.state();
            if (test.test(state)) {
                return state;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Panel never reached the expected state; last: " + state.status() + " "
                        + state.problem() + " rows " + state.rows());
            }
            Thread.sleep(50);
        }
    }
}
