package io.labbench.app.watch;

import io.labbench.netparse.ParserKind;
import io.labbench.netparse.snapshot.Snapshot;
import io.labbench.watch.WatchDefinition;
import io.labbench.watch.run.NetparseSnapshotReader;
import io.labbench.watch.run.WatchOutcome;
import io.labbench.watch.run.WatchScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Benchmark: a 2,000-rule iptables chain refreshing in a panel. Per refresh it times parsing the
 * listing, building the panel state (diff, highlight ages, deltas, sparklines) off the UI thread, and
 * the UI update: from the state reaching the JavaFX thread to the end of the next layout pulse
 * (table rows replaced, cells re-styled, CSS and layout). Median of 30 refreshes after 5 warm-ups.
 * Needs a display (Xvfb) or Monocle: add the TestFX headless -D options to run without one.
 */
public final class BigTableUpdateBench {

    private static final int ROWS = 2000;
    private static final int RUNS = 30;

    private BigTableUpdateBench() {
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        WatchDefinition watch = WatchDefinition.custom("worker1", "iptables -t nat -L KUBE-SERVICES -n -v -x",
                Optional.of(ParserKind.IPTABLES_LIST), Duration.ofSeconds(1));
        WatchScheduler scheduler = new WatchScheduler();
        WatchPanelViewModel vm = new WatchPanelViewModel(watch, name -> Optional.empty(), new NetparseSnapshotReader(),
                scheduler, Platform::runLater);
        AtomicReference<Scene> sceneRef = new AtomicReference<>();
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            Stage stage = new Stage();
            Scene scene = new Scene(new WatchPanelView(vm, v -> { }), 1400, 900);
            stage.setScene(scene);
            stage.show();
            sceneRef.set(scene);
            shown.countDown();
        });
        shown.await();
        NetparseSnapshotReader reader = new NetparseSnapshotReader();
        List<Double> parse = new ArrayList<>();
        List<Double> build = new ArrayList<>();
        List<Double> ui = new ArrayList<>();
        AtomicLong queuedAt = new AtomicLong();
        AtomicLong queuedCpu = new AtomicLong();
        List<Double> uiCpu = new ArrayList<>();
        List<Double> buildCpu = new ArrayList<>();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        AtomicLong appliedCount = new AtomicLong();
        for (int i = 0; i < RUNS + 5; i++) {
            String text = SyntheticOutputs.bigChain(ROWS, i);
            Instant at = Instant.parse("2026-11-26T10:00:00Z").plusSeconds(i);
            long t0 = System.nanoTime();
            Snapshot snapshot = reader.read(watch.parser(), text, at);
            long t1 = System.nanoTime();
            CountDownLatch pulsed = new CountDownLatch(1);
            AtomicLong pulseEnd = new AtomicLong();
            long before = vm.refreshCountProperty().get();
            Platform.runLater(() -> {
                queuedAt.set(System.nanoTime());
                queuedCpu.set(threads.getCurrentThreadCpuTime());
            });
            AtomicLong pulseCpu = new AtomicLong();
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                if (vm.refreshCountProperty().get() > before) {
                    pulseEnd.set(System.nanoTime());
                    pulseCpu.set(threads.getCurrentThreadCpuTime());
                    sceneRef.get().removePostLayoutPulseListener(listener[0]);
                    pulsed.countDown();
                }
            };
            Platform.runLater(() -> sceneRef.get().addPostLayoutPulseListener(listener[0]));
            long cpu1 = threads.getCurrentThreadCpuTime();
            vm.model().outcome(new WatchOutcome.Refreshed(at, text, snapshot, Duration.ofMillis(1), ""));
            long t2 = System.nanoTime();
            long cpu2 = threads.getCurrentThreadCpuTime();
            if (!pulsed.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the UI never showed refresh " + i);
            }
            if (i >= 5) {
                parse.add((t1 - t0) / 1e6);
                build.add((t2 - t1) / 1e6);
                ui.add((pulseEnd.get() - queuedAt.get()) / 1e6);
                uiCpu.add((pulseCpu.get() - queuedCpu.get()) / 1e6);
                buildCpu.add((cpu2 - cpu1) / 1e6);
            }
            appliedCount.incrementAndGet();
            Thread.sleep(200);
        }
        System.out.printf(Locale.ROOT, "%d-row iptables chain, %d refreshes (ms): median / p90%n", ROWS, RUNS);
        System.out.printf(Locale.ROOT, "  parse listing (netparse)             %7.1f / %7.1f%n", RefreshLatencyBench.median(parse), RefreshLatencyBench.p90(parse));
        System.out.printf(Locale.ROOT, "  build panel state (off UI thread)    %7.1f / %7.1f%n", RefreshLatencyBench.median(build), RefreshLatencyBench.p90(build));
        System.out.printf(Locale.ROOT, "    of which CPU time of that thread   %7.1f / %7.1f%n", RefreshLatencyBench.median(buildCpu), RefreshLatencyBench.p90(buildCpu));
        System.out.printf(Locale.ROOT, "  UI update (FX thread: apply + pulse) %7.1f / %7.1f%n", RefreshLatencyBench.median(ui), RefreshLatencyBench.p90(ui));
        // Machine-readable line for ./run-benchmarks: metric, value, unit, reference, goal.
        System.out.printf(Locale.ROOT, "BENCH\t%d-row table, UI update on the FX thread\t%.1f\tms\t-\t-%n", ROWS,
                RefreshLatencyBench.median(ui));
        System.out.printf(Locale.ROOT, "    of which FX thread CPU time        %7.1f / %7.1f%n", RefreshLatencyBench.median(uiCpu), RefreshLatencyBench.p90(uiCpu));
        System.out.printf(Locale.ROOT, "  (load average now: %.1f on %d cores)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        vm.close();
        scheduler.close();
        Platform.exit();
        System.exit(0);
    }
}
