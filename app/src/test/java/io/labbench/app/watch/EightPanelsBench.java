package io.labbench.app.watch;

import com.sun.management.OperatingSystemMXBean;
import io.labbench.sessions.SessionHub;
import io.labbench.sessions.SshEndpoint;
import io.labbench.sessions.ssh.SshSettings;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.cluster.Backend;
import io.labbench.sessions.workspace.Workspace;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Benchmark: 8 watch panels (4 per node: AWS-SNAT-CHAIN-0, a 120-rule KUBE-SERVICES, links, routes)
 * refreshing every second over two shared SSH connections, for {@code args[0]} seconds (default 150).
 * The SSH servers run in another JVM ({@link BenchSshServers}); this process's CPU time, heap and RSS
 * are sampled every 10 s. Needs a display (Xvfb) or the Monocle -D options.
 */
public final class EightPanelsBench {

    private EightPanelsBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        Path dir = Files.createTempDirectory("lbt-bench-8");
        TestKeys.generate(dir.resolve("keys"), TestKeys.Type.ED25519);
        Process servers = new ProcessBuilder("java", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                BenchSshServers.class.getName(), dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader serverOut = new BufferedReader(new InputStreamReader(servers.getInputStream(), StandardCharsets.UTF_8));
        String ready = serverOut.readLine();
        if (ready == null || !ready.startsWith("READY ")) {
            throw new IllegalStateException("SSH servers did not start: " + ready);
        }
        String[] ports = ready.split(" ");
        Path key = dir.resolve("keys/id_ed25519");
        List<io.labbench.sessions.Endpoint> endpoints = List.of(
                SshEndpoint.direct("worker1", "127.0.0.1", Integer.parseInt(ports[1]), "root", List.of(key)),
                SshEndpoint.direct("worker2", "127.0.0.1", Integer.parseInt(ports[2]), "root", List.of(key)));
        SessionHub hub = SessionHub.builder(new Workspace("lbt-bench", Backend.LOCAL, endpoints, Map.of()))
                // plain exec channels: the churning outputs are the servers' stubbed replies to exec requests, which a
                // command runner on the node would bypass
                .sshSettings(SshSettings.isolated(dir.resolve("known_hosts"))).nodeRunner(false).build();

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        AtomicReference<WatchDock> dockRef = new AtomicReference<>();
        CountDownLatch opened = new CountDownLatch(1);
        Platform.runLater(() -> {
            WatchDock dock = WatchDock.create(hub, () -> List.of("worker1", "worker2"), dir.resolve("config"));
            Stage stage = new Stage();
            stage.setScene(new Scene((javafx.scene.Parent) dock.node(), 1400, 900));
            stage.show();
            for (String node : List.of("worker1", "worker2")) {
                for (String id : List.of("iptables-snat-0", "iptables-kube-services", "links", "routes")) {
                    dock.openWatch(id, node);
                }
            }
            dock.model().splitSelected();
            dock.model().openPanels().forEach(p -> p.changeInterval(Duration.ofSeconds(1)));
            dockRef.set(dock);
            opened.countDown();
        });
        opened.await();

        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Thread.sleep(10_000); // warm-up: connections, JIT, first layouts
        long cpuStart = os.getProcessCpuTime();
        long wallStart = System.nanoTime();
        long refreshesStart = refreshes(dockRef.get());
        long maxRss = 0;
        long maxHeap = 0;
        System.out.println("  t(s)  cpu%(of one core)  heap-used(MB)  rss(MB)  refreshes-shown");
        long lastCpu = cpuStart;
        long lastWall = wallStart;
        for (int t = 10; t <= seconds; t += 10) {
            Thread.sleep(10_000);
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long rss = rssKb();
            maxRss = Math.max(maxRss, rss);
            maxHeap = Math.max(maxHeap, heap);
            System.out.printf(Locale.ROOT, "  %4d  %8.1f           %8.1f     %7.1f  %d%n", t,
                    100.0 * (cpu - lastCpu) / (wall - lastWall), heap / 1e6, rss / 1024.0, refreshes(dockRef.get()) - refreshesStart);
            lastCpu = cpu;
            lastWall = wall;
        }
        double cpuPercent = 100.0 * (os.getProcessCpuTime() - cpuStart) / (System.nanoTime() - wallStart);
        long shown = refreshes(dockRef.get()) - refreshesStart;
        System.gc();
        Thread.sleep(500);
        long heapAfterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(Locale.ROOT, "8 panels x 1 s for %d s: mean CPU %.1f%% of one core, heap max %.0f MB (%.0f MB after GC),"
                        + " RSS max %.0f MB, %d refreshes shown (%.1f/s), SSH connections: 2%n",
                seconds, cpuPercent, maxHeap / 1e6, heapAfterGc / 1e6, maxRss / 1024.0, shown, shown * 1e9 / (System.nanoTime() - wallStart));
        // Machine-readable lines for ./run-benchmarks: metric, value, unit, reference, goal.
        System.out.printf(Locale.ROOT, "BENCH\t8 watch panels x 1 s, mean CPU\t%.1f\t%% of a core\t-\t-%n", cpuPercent);
        System.out.printf(Locale.ROOT, "BENCH\t8 watch panels x 1 s, RSS max\t%.0f\tMB\t-\t-%n", maxRss / 1024.0);
        System.out.printf(Locale.ROOT, "(load average now: %.1f on %d cores)%n", os.getSystemLoadAverage(), os.getAvailableProcessors());
        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> {
            dockRef.get().close();
            closed.countDown();
        });
        closed.await();
        hub.close();
        servers.getOutputStream().close();
        servers.destroy();
        Platform.exit();
        System.exit(0);
    }

    private static long refreshes(WatchDock dock) throws Exception {
        AtomicReference<Long> total = new AtomicReference<>(0L);
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            total.set(dock.model().openPanels().stream().mapToLong(p -> p.refreshCountProperty().get()).sum());
            done.countDown();
        });
        done.await();
        return total.get();
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
