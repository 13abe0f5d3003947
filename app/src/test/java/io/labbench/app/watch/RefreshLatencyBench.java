package io.labbench.app.watch;

import io.labbench.netparse.ParserKind;
import io.labbench.sessions.CommandResult;
import io.labbench.sessions.CommandRunner;
import io.labbench.sessions.SessionHub;
import io.labbench.sessions.bench.BenchBed;
import io.labbench.sessions.ssh.NodeCommandRunner;
import io.labbench.sessions.testing.OpenSshServer;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.watch.run.NetparseSnapshotReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Benchmark: one watch refresh as a learner sees it, against the same Debian OpenSSH sshd a real node runs
 * ({@link OpenSshServer} through {@link BenchBed#preferringOpenSsh}; the in-JVM MINA server only when sshd cannot run
 * here, and the metric then says so).
 * The app's own {@link WatchDock} shows the study's "routes" watch ({@code ip route show}) on the endpoint's
 * shared connection; a round is timed from "refresh now" on the JavaFX thread to the end of the layout pulse
 * that shows the new state: exec channel open, command, parse, panel state (diff), rows applied, CSS and
 * layout. Reference, interleaved round by round: a fresh OpenSSH {@code ssh 127.0.0.1 'ip route show'} to the
 * same sshd (a handshake each, what a learner's own watch loop would do). Also printed: the bare exec on the
 * shared connection and exec + parse, to show where the time goes.
 * <p>
 * Args: rounds (default 50) and a wall-clock cap in seconds for the measured rounds (default 120), so a loaded
 * machine ends the run with fewer rounds instead of hanging. Needs a display (Xvfb).
 * <pre>./run-benchmarks --quick --only refresh-latency</pre>
 */
public final class RefreshLatencyBench {

    private static final String WATCH = "routes";
    private static final String COMMAND = "ip route show";
    private static final int WARM_UP = 5;

    private RefreshLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        long capNanos = TimeUnit.SECONDS.toNanos(args.length > 1 ? Long.parseLong(args[1]) : 120);
        // The app's hub (its commands go through the command runner it keeps on the node), and for the A/B line a
        // second hub whose commands each take a plain exec channel, as before the runner.
        try (BenchBed bed = BenchBed.preferringOpenSsh(TestKeys.Type.ED25519); SessionHub plainHub = bed.hub(false)) {
            Path dir = bed.dir();
            SessionHub hub = bed.hub();
            String serverName = bed.serverName();
            String host = bed.host();
            CountDownLatch fxStarted = new CountDownLatch(1);
            Platform.startup(fxStarted::countDown);
            fxStarted.await();
            AtomicReference<WatchDock> dockRef = new AtomicReference<>();
            AtomicReference<Scene> sceneRef = new AtomicReference<>();
            CompletableFuture<WatchPanelViewModel> opened = new CompletableFuture<>();
            Platform.runLater(() -> {
                WatchDock dock = WatchDock.create(hub, () -> List.of(BenchBed.NODE), dir.resolve("config"));
                Stage stage = new Stage();
                Scene scene = new Scene((javafx.scene.Parent) dock.node(), 1200, 800);
                stage.setScene(scene);
                stage.show();
                dock.openWatch(WATCH, BenchBed.NODE);
                WatchPanelViewModel panel = dock.model().panel(WATCH, BenchBed.NODE).orElseThrow();
                // Paused, so the only runs are the ones this benchmark asks for (a learner's "refresh now").
                panel.pause();
                dockRef.set(dock);
                sceneRef.set(scene);
                opened.complete(panel);
            });
            WatchPanelViewModel panel = opened.get(60, TimeUnit.SECONDS);
            CommandRunner runner = hub.runner(BenchBed.NODE).orElseThrow();
            CommandRunner plainRunner = plainHub.runner(BenchBed.NODE).orElseThrow();
            NetparseSnapshotReader reader = new NetparseSnapshotReader();
            List<String> base = List.of("ssh", "-p", String.valueOf(bed.port()), "-i", bed.privateKey().toString(),
                    "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=yes",
                    "-o", "UserKnownHostsFile=" + bed.knownHosts(), "-o", "LogLevel=ERROR", "-l", "root");
            List<String> ssh = concat(base, "-o", "ControlMaster=no", "-o", "ControlPath=none", host, COMMAND);
            // OpenSSH's own shared connection (ControlMaster), for scale: the same server's floor for a command on
            // a connection that is already up, with OpenSSH's C client instead of LabBench's.
            String control = "ControlPath=" + dir.resolve("cm");
            run(concat(base, "-o", "ControlMaster=yes", "-o", control, "-fN", host));
            List<String> muxed = concat(base, "-o", control, host, COMMAND);

            List<Double> refresh = new ArrayList<>();
            List<Double> mux = new ArrayList<>();
            List<Double> exec = new ArrayList<>();
            List<Double> execParsed = new ArrayList<>();
            List<Double> fresh = new ArrayList<>();
            List<Double> plainExec = new ArrayList<>();
            long measuringSince = 0;
            String path = "plain exec channels";
            for (int i = 0; i < rounds + WARM_UP; i++) {
                if (i == WARM_UP) {
                    // the runner starts in the background on the first command; measure once it is up (as it is
                    // for a learner's watches after their first refresh), and say which path was measured
                    if (runner instanceof NodeCommandRunner node && node.awaitNodeRunner(Duration.ofSeconds(30))) {
                        path = "the command runner on the node";
                    }
                    measuringSince = System.nanoTime();
                } else if (i > WARM_UP && System.nanoTime() - measuringSince > capNanos) {
                    System.out.printf(Locale.ROOT, "  (stopped after %d measured rounds: the %d s cap passed)%n",
                            i - WARM_UP, TimeUnit.NANOSECONDS.toSeconds(capNanos));
                    break;
                }
                double shown = timePanelRefresh(panel, sceneRef.get(), i);

                long start = System.nanoTime();
                CommandResult result = runner.run(COMMAND, Duration.ofSeconds(30));
                long ran = System.nanoTime();
                if (!result.succeeded()) {
                    throw new IllegalStateException("'" + COMMAND + "' failed on " + serverName + ": " + result);
                }
                reader.read(Optional.of(ParserKind.IP_ROUTE), result.stdout(), Instant.now());
                long parsed = System.nanoTime();

                long sshStart = System.nanoTime();
                Process process = new ProcessBuilder(ssh).redirectErrorStream(true).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("OpenSSH failed (" + process.exitValue() + "): " + out);
                }
                long sshEnd = System.nanoTime();
                run(muxed);
                long muxEnd = System.nanoTime();
                CommandResult plainResult = plainRunner.run(COMMAND, Duration.ofSeconds(30));
                long plainEnd = System.nanoTime();
                if (!plainResult.stdout().equals(result.stdout())) {
                    throw new IllegalStateException("the node runner and a plain exec gave different routes:\n" + result + "\n" + plainResult);
                }
                if (i >= WARM_UP) {
                    plainExec.add((plainEnd - muxEnd) / 1e6);
                    mux.add((muxEnd - sshEnd) / 1e6);
                    refresh.add(shown);
                    exec.add((ran - start) / 1e6);
                    execParsed.add((parsed - start) / 1e6);
                    fresh.add((sshEnd - sshStart) / 1e6);
                }
            }
            System.out.printf(Locale.ROOT, "watch '%s' (%s) on %s, commands through %s, %d rounds (ms): median / p90%n",
                    WATCH, COMMAND, serverName, path, refresh.size());
            System.out.printf(Locale.ROOT, "  refresh now -> panel shows it (exec, parse, diff, FX) %7.2f / %7.2f%n", median(refresh), p90(refresh));
            System.out.printf(Locale.ROOT, "  of that: exec on the shared connection               %7.2f / %7.2f%n", median(exec), p90(exec));
            System.out.printf(Locale.ROOT, "           exec + parse (ip-route)                     %7.2f / %7.2f%n", median(execParsed), p90(execParsed));
            System.out.printf(Locale.ROOT, "  A/B: the same exec in a plain exec channel (no runner) %6.2f / %7.2f%n", median(plainExec), p90(plainExec));
            System.out.printf(Locale.ROOT, "  fresh OpenSSH ssh per refresh                        %7.2f / %7.2f%n", median(fresh), p90(fresh));
            System.out.printf(Locale.ROOT, "  OpenSSH ssh on its ControlMaster connection (scale)  %7.2f / %7.2f%n", median(mux), p90(mux));
            // Machine-readable line for ./run-benchmarks: metric, value, unit, reference, goal.
            System.out.printf(Locale.ROOT, "BENCH\twatch refresh shown in its panel, shared connection, %s (ref: fresh OpenSSH ssh)\t%.2f\tms\t%.2f\t<=0.1x%n",
                    bed.isOpenSsh() ? "OpenSSH sshd" : "MINA test server", median(refresh), median(fresh));
            run(concat(base, "-o", control, "-O", "exit", host));
            CountDownLatch closed = new CountDownLatch(1);
            Platform.runLater(() -> {
                dockRef.get().close();
                closed.countDown();
            });
            closed.await(30, TimeUnit.SECONDS);
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    /** Runs an OpenSSH command, output discarded (a backgrounded master would hold a pipe open). */
    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed (exit " + (process.isAlive() ? "none" : process.exitValue()) + ")");
        }
    }

    /** "Refresh now" on the FX thread, as the panel's button does; ms until the pulse that shows the new state ends. */
    private static double timePanelRefresh(WatchPanelViewModel panel, Scene scene, int round) throws Exception {
        CompletableFuture<Double> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            int before = panel.refreshCountProperty().get();
            long start = System.nanoTime();
            Runnable[] afterPulse = new Runnable[1];
            afterPulse[0] = () -> {
                if (panel.refreshCountProperty().get() > before) {
                    scene.removePostLayoutPulseListener(afterPulse[0]);
                    shown.complete((System.nanoTime() - start) / 1e6);
                }
            };
            scene.addPostLayoutPulseListener(afterPulse[0]);
            panel.refreshNow();
        });
        try {
            return shown.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("round " + round + ": the panel showed no refresh within 60 s (status: "
                    + panel.statusTextProperty().get() + ")", e);
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double p90(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1);
    }
}
