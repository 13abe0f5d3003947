package io.labbench.app.watch;

import io.labbench.netparse.ParserKind;
import io.labbench.sessions.CommandResult;
import io.labbench.sessions.CommandRunner;
import io.labbench.sessions.SessionHub;
import io.labbench.sessions.SshEndpoint;
import io.labbench.sessions.ssh.SshSettings;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import io.labbench.cluster.Backend;
import io.labbench.sessions.workspace.Workspace;
import io.labbench.watch.run.NetparseSnapshotReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Benchmark: one watch refresh over the endpoint's shared SSH connection (SessionHub exec channel)
 * against a fresh OpenSSH {@code ssh -p PORT 127.0.0.1 cmd} per refresh, same MINA SSHD server, same
 * command ({@code ip route show}, run by bash on the server), median of 50 each after 5 warm-ups.
 * <pre>mvn -o -q -pl app test-compile &amp;&amp; java -cp app/target/test-classes:app/target/classes:$(cat cp.txt) io.labbench.app.watch.RefreshLatencyBench</pre>
 */
public final class RefreshLatencyBench {

    private static final String COMMAND = "ip route show";
    private static final int RUNS = 50;

    private RefreshLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("lbt-bench-latency");
        TestKeys.KeyFiles key = TestKeys.generate(dir.resolve("keys"), TestKeys.Type.ED25519);
        try (TestSshServer server = TestSshServer.start()) {
            server.authorize(key.publicKey());
            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, server.knownHostsLine() + "\n", StandardCharsets.UTF_8);
            SshEndpoint worker1 = SshEndpoint.direct("worker1", server.host(), server.port(), "root", List.of(key.privateKey()));
            try (SessionHub hub = SessionHub.builder(new Workspace("lbt-bench", Backend.LOCAL, List.of(worker1), Map.of()))
                    .sshSettings(SshSettings.isolated(knownHosts)).build()) {
                CommandRunner runner = hub.runner("worker1").orElseThrow();
                NetparseSnapshotReader reader = new NetparseSnapshotReader();
                List<Double> shared = new ArrayList<>();
                List<Double> sharedParsed = new ArrayList<>();
                for (int i = 0; i < RUNS + 5; i++) {
                    long start = System.nanoTime();
                    CommandResult result = runner.run(COMMAND, Duration.ofSeconds(30));
                    long ran = System.nanoTime();
                    reader.read(Optional.of(ParserKind.IP_ROUTE), result.stdout(), Instant.now());
                    long parsed = System.nanoTime();
                    if (i >= 5) {
                        shared.add((ran - start) / 1e6);
                        sharedParsed.add((parsed - start) / 1e6);
                    }
                }
                List<Double> fresh = new ArrayList<>();
                for (int i = 0; i < RUNS + 5; i++) {
                    long start = System.nanoTime();
                    Process ssh = new ProcessBuilder("ssh", "-p", String.valueOf(server.port()), "-i", key.privateKey().toString(),
                            "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=yes",
                            "-o", "UserKnownHostsFile=" + knownHosts, "-o", "ControlMaster=no", "-o", "ControlPath=none",
                            "-l", "root", "127.0.0.1", COMMAND).redirectErrorStream(true).start();
                    String out = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    int exit = ssh.waitFor();
                    if (exit != 0) {
                        throw new IllegalStateException("OpenSSH failed (" + exit + "): " + out);
                    }
                    if (i >= 5) {
                        fresh.add((System.nanoTime() - start) / 1e6);
                    }
                }
                System.out.printf(Locale.ROOT, "refresh of '%s', %d runs each (ms): median / p90%n", COMMAND, RUNS);
                System.out.printf(Locale.ROOT, "  shared connection exec channel      %7.2f / %7.2f%n", median(shared), p90(shared));
                System.out.printf(Locale.ROOT, "  shared connection + parse (ip-route) %7.2f / %7.2f%n", median(sharedParsed), p90(sharedParsed));
                System.out.printf(Locale.ROOT, "  fresh OpenSSH ssh per refresh       %7.2f / %7.2f%n", median(fresh), p90(fresh));
                // Machine-readable line for ./run-benchmarks: metric, value, unit, reference, goal.
                System.out.printf(Locale.ROOT, "BENCH\twatch refresh, shared connection (ref: fresh OpenSSH ssh)\t%.2f\tms\t%.2f\t<=0.1x%n",
                        median(shared), median(fresh));
                System.out.printf(Locale.ROOT, "  SSH connections the shared runner made: %d (OpenSSH: %d more)%n",
                        1, server.connectionsAccepted() - 1);
            }
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
