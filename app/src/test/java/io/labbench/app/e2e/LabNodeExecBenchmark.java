package io.labbench.app.e2e;

import io.labbench.locallab.ssh.LabEndpoint;
import io.labbench.sessions.CommandException;
import io.labbench.sessions.CommandResult;
import io.labbench.sessions.CommandRunner;
import io.labbench.sessions.testing.Benchmarks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A watch's command on a local-lab node: {@code true} on worker1 through the workspace's shared SSH
 * connection (what a watch panel does every second), interleaved with the same command through a fresh
 * OpenSSH {@code ssh} (a handshake each) and through an OpenSSH ControlMaster connection, against the
 * lab's own SSH server for that node, and through the shared connection with the node's namespaces built
 * for each command as before issue 21. Prints the medians; goal: shared ≤ 1/10 of fresh OpenSSH.
 * Builds a local lab under a random {@code lbt…} prefix, so it needs root.
 *
 * <p>Run: {@code ./run-benchmarks --only lab-node-exec}, or {@code java -cp
 * app/target/test-classes:app/target/classes:$(cat app/target/bench.cp) io.labbench.app.e2e.LabNodeExecBenchmark [runs]}
 */
public final class LabNodeExecBenchmark {

    /** MachineNamespaces' switch back to building the namespaces for each command. */
    private static final String FRESH_NAMESPACES = "labbench.locallab.freshNamespaces";
    /** MachineNamespaces' switch from the node's exec helper back to one JVM spawn of nsenter per command. */
    private static final String NSENTER_PER_COMMAND = "labbench.locallab.nsenterPerCommand";

    private LabNodeExecBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        if (!RunningLocalLab.isRoot()) {
            throw new IllegalStateException("the local lab needs root (network namespaces)");
        }
        Path dir = Files.createTempDirectory("lbt-node-exec");
        try (RunningLocalLab running = RunningLocalLab.start(dir)) {
            LabEndpoint worker1 = running.lab.endpoints().stream().filter(e -> e.name().equals("worker1")).findFirst().orElseThrow();
            CommandRunner runner = running.hub.runner("worker1").orElseThrow();
            Path control = dir.resolve("cm.sock");
            Process master = new ProcessBuilder(ssh(worker1, List.of("-M", "-S", control.toString(), "-N"), null))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                // the master is ready for sessions once -O check answers (its socket appears before it has authenticated)
                List<String> check = ssh(worker1, List.of("-S", control.toString(), "-O", "check"), null);
                for (int i = 0; i < 300 && new ProcessBuilder(check).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor() != 0; i++) {
                    Thread.sleep(100);
                }
                List<String> fresh = ssh(worker1, List.of(), "true");
                List<String> multiplexed = ssh(worker1, List.of("-S", control.toString()), "true");
                // OpenSSH's multiplexing is a reference only: where its sessions fail against the lab's server
                // (exit 255 was seen on a loaded machine), the benchmark goes on without it and says so
                boolean withControlMaster = true;
                for (int i = 0; i < 10; i++) {
                    shared(runner);
                    time(fresh);
                    if (withControlMaster) {
                        try {
                            time(multiplexed);
                        } catch (IllegalStateException e) {
                            System.out.println("OpenSSH ControlMaster reference left out: " + e.getMessage());
                            withControlMaster = false;
                        }
                    }
                }
                long[] ours = new long[runs];
                long[] before = new long[runs];
                long[] nsenter = new long[runs];
                long[] openssh = new long[runs];
                long[] controlMaster = new long[runs];
                for (int i = 0; i < runs; i++) {
                    // the same command spawned by the JVM through nsenter into the held namespaces, as before the exec
                    // helper, right before or after ours (alternating, so neither always follows the slow fresh ssh)
                    if (i % 2 == 0) {
                        ours[i] = shared(runner);
                        nsenter[i] = sharedWith(NSENTER_PER_COMMAND, runner);
                    } else {
                        nsenter[i] = sharedWith(NSENTER_PER_COMMAND, runner);
                        ours[i] = shared(runner);
                    }
                    // the same, with the node's namespaces built for the command as before issue 21
                    before[i] = sharedWith(FRESH_NAMESPACES, runner);
                    openssh[i] = time(fresh);
                    if (withControlMaster) {
                        try {
                            controlMaster[i] = time(multiplexed);
                        } catch (IllegalStateException e) {
                            System.out.println("OpenSSH ControlMaster reference left out: " + e.getMessage());
                            withControlMaster = false;
                        }
                    }
                }
                double oursMs = Benchmarks.median(ours) / 1e6;
                double freshMs = Benchmarks.median(openssh) / 1e6;
                double cmMs = Benchmarks.median(controlMaster) / 1e6;
                double beforeMs = Benchmarks.median(before) / 1e6;
                double nsenterMs = Benchmarks.median(nsenter) / 1e6;
                System.out.printf("`true` on local-lab worker1, median of %d: shared connection %.1f ms, fresh OpenSSH %.1f ms"
                        + " (ratio %.2f, goal <= 0.1), OpenSSH ControlMaster %s; namespaces built per command (as before)"
                        + " %.1f ms; nsenter spawned per command (before the exec helper) %.1f ms; load %s%n", runs, oursMs, freshMs,
                        oursMs / freshMs, withControlMaster ? String.format(Locale.ROOT, "%.1f ms", cmMs) : "left out", beforeMs,
                        nsenterMs, Files.readString(Path.of("/proc/loadavg")).strip());
                // Machine-readable lines for ./run-benchmarks: metric, value, unit, reference, goal.
                System.out.printf(Locale.ROOT, "BENCH\twatch command `true` on a local-lab node (ref: fresh OpenSSH ssh)\t%.2f\tms\t%.2f\t<=0.1x%n",
                        oursMs, freshMs);
                if (withControlMaster) {
                    System.out.printf(Locale.ROOT, "BENCH\twatch command `true` on a local-lab node (ref: OpenSSH ControlMaster)\t%.2f\tms\t%.2f\t-%n",
                            oursMs, cmMs);
                }
                System.out.printf(Locale.ROOT, "BENCH\twatch command `true` on a local-lab node (ref: nsenter spawned per command, as before the exec helper)\t%.2f\tms\t%.2f\t-%n",
                        oursMs, nsenterMs);
                System.out.printf(Locale.ROOT, "BENCH\twatch command `true` on a local-lab node (ref: namespaces built per command, as before)\t%.2f\tms\t%.2f\t-%n",
                        oursMs, beforeMs);
            } finally {
                master.destroy();
            }
        }
    }

    private static long sharedWith(String switchedOn, CommandRunner runner) throws CommandException {
        System.setProperty(switchedOn, "true");
        try {
            return shared(runner);
        } finally {
            System.clearProperty(switchedOn);
        }
    }

    private static long shared(CommandRunner runner) throws CommandException {
        long started = System.nanoTime();
        CommandResult result = runner.run("true", Duration.ofSeconds(30));
        long took = System.nanoTime() - started;
        if (result.exitCode() != 0) {
            throw new IllegalStateException("true failed on worker1: " + result);
        }
        return took;
    }

    /** OpenSSH with the lab's key and pinned host key only, nothing from ~/.ssh; no command for -N. */
    private static List<String> ssh(LabEndpoint e, List<String> options, String command) {
        List<String> argv = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-i", e.privateKey().toString(),
                "-o", "UserKnownHostsFile=" + e.knownHosts(), "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
                "-p", Integer.toString(e.port())));
        argv.addAll(options);
        argv.add(e.user() + "@" + e.host());
        if (command != null) {
            argv.add(command);
        }
        return argv;
    }

    private static long time(List<String> argv) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(argv + " did not end within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(argv + " exited " + process.exitValue());
        }
        return System.nanoTime() - started;
    }
}
