package io.labbench.sessions.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.labbench.sessions.CommandException;
import io.labbench.sessions.CommandResult;
import io.labbench.sessions.SessionHub;
import io.labbench.sessions.SshEndpoint;
import io.labbench.sessions.SshFixture;
import io.labbench.sessions.testing.OpenSshServer;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command runner kept on a node ({@code node-runner.pl}) against real servers: Debian's OpenSSH sshd
 * (with a stock root home) and the in-JVM MINA server. What a command gives through it is compared with what
 * a plain exec channel gives on the same server, command by command.
 */
class NodeCommandRunnerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Commands whose stdout, stderr and exit code must be the same through the runner and a plain exec. */
    private static final List<String> SAME_AS_PLAIN_EXEC = List.of(
            "true", "false", "echo hello world", "printf 'a\\tb\\n'", "ls /nonexistent-lbt-dir",
            "lbt-no-such-command --flag", "exit 3", "echo $HOME; pwd", "cd /tmp && pwd",
            "echo out; echo err >&2; exit 7", "/bin/echo direct   words", "uname -s", "cat /etc/hostname",
            "ip route show", "id -un", "umask", "sh -c 'kill -9 $$'", "bash -c 'exit 300'",
            "head -c 300000 /dev/zero | tr '\\0' x", "printf '\\xff\\xfe\\x00binary'", "/nonexistent/bin/tool",
            "test -d /", "env", "echo $SHLVL $PATH", "cat", "FOO=bar env", "env -u HOME sh -c 'echo ${HOME:-none}'");

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    /** A server of the named kind, a hub on it, and a second hub that uses plain exec channels only. */
    private record Bed(SessionHub hub, SessionHub plainHub, Object server) {
        NodeCommandRunner runner() {
            return (NodeCommandRunner) hub.runner("node").orElseThrow();
        }

        /** The hub's runner once its node runner is up: the node's first command (a plain exec) starts it. */
        NodeCommandRunner startedRunner() throws CommandException, InterruptedException {
            NodeCommandRunner runner = runner();
            runner.run("true", TIMEOUT);
            assertThat(runner.awaitNodeRunner(Duration.ofSeconds(20))).as("the node runner starts").isTrue();
            return runner;
        }
    }

    private Bed bed(String kind) throws Exception {
        return bed(kind, List.of());
    }

    /** {@code moreSshdConfig}: lines for OpenSSH's sshd_config (MINA ignores them). */
    private Bed bed(String kind, List<String> moreSshdConfig) throws Exception {
        TestKeys.KeyFiles key = TestKeys.generate(dir.resolve("keys"), TestKeys.Type.ECDSA);
        String host;
        int port;
        String knownHosts;
        Object server;
        if (kind.equals("openssh")) {
            assumeTrue(OpenSshServer.unavailableReason().isEmpty(), () -> "no OpenSSH sshd here: " + OpenSshServer.unavailableReason());
            OpenSshServer sshd = OpenSshServer.start(dir.resolve("sshd"), key, moreSshdConfig);
            toClose.add(sshd);
            host = sshd.host();
            port = sshd.port();
            knownHosts = sshd.knownHostsLine();
            server = sshd;
        } else {
            TestSshServer mina = TestSshServer.start();
            toClose.add(mina);
            mina.authorize(key.publicKey());
            host = mina.host();
            port = mina.port();
            knownHosts = mina.knownHostsLine();
            server = mina;
        }
        Files.writeString(dir.resolve("known_hosts"), knownHosts + "\n");
        SshEndpoint endpoint = SshEndpoint.direct("node", host, port, "root", List.of(key.privateKey()));
        SessionHub hub = SessionHub.builder(SshFixture.workspace(endpoint)).sshSettings(SshFixture.settings(dir)).nodeRunner(true).build();
        SessionHub plain = SessionHub.builder(SshFixture.workspace(endpoint)).sshSettings(SshFixture.settings(dir)).nodeRunner(false).build();
        toClose.add(0, hub);
        toClose.add(0, plain);
        return new Bed(hub, plain, server);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"openssh", "mina"})
    void aCommandGivesWhatAPlainExecGives(String kind) throws Exception {
        Bed bed = bed(kind);
        NodeCommandRunner runner = bed.startedRunner();
        var plain = bed.plainHub().runner("node").orElseThrow();
        for (String command : SAME_AS_PLAIN_EXEC) {
            // `cat` reads the stdin a plain exec leaves open: both must time out the same way
            Duration timeout = command.equals("cat") ? Duration.ofMillis(700) : TIMEOUT;
            Object viaRunner = outcome(command, () -> runner.run(command, timeout));
            Object viaPlain = outcome(command, () -> plain.run(command, timeout));
            assertThat(viaRunner).as("`%s` through the runner on %s", command, kind).isEqualTo(viaPlain);
        }
        assertThat(runner.usesNodeRunner()).as("still on the runner after %d commands", SAME_AS_PLAIN_EXEC.size()).isTrue();
    }

    /**
     * What a user sees of a command: output, errors and exit code, or why it could not run. An environment
     * listing is compared as a set of variables without the client's port (each hub has its own connection).
     */
    private static Object outcome(String command, ThrowingCall call) {
        try {
            CommandResult result = call.run();
            String stdout = result.stdout();
            if (command.endsWith("env")) {
                stdout = stdout.lines().filter(line -> !line.startsWith("SSH_CLIENT=") && !line.startsWith("SSH_CONNECTION="))
                        .sorted().collect(java.util.stream.Collectors.joining("\n"));
            }
            return List.of(result.exitCode(), stdout, result.stderr());
        } catch (CommandException e) {
            return e.reason();
        }
    }

    private interface ThrowingCall {
        CommandResult run() throws CommandException;
    }

    /**
     * A command a signal ends, whether the program was exec'ed directly (killed from outside, as the OOM killer
     * or a learner's {@code kill} would) or ran through the shell (killing itself): 128 + the signal's number,
     * as a shell's {@code $?} shows it, through the runner and through a plain exec. sshd reports such an end as
     * an exit-signal without an exit status (JSch: -1); MINA's exec as Java's {@code Process} does (128 + N).
     */
    @ParameterizedTest
    @ValueSource(strings = {"openssh", "mina"})
    void aCommandASignalEndsGivesTheShellsExitCodeThroughTheRunnerAndAPlainExec(String kind) throws Exception {
        Bed bed = bed(kind);
        NodeCommandRunner runner = bed.startedRunner();
        var plain = bed.plainHub().runner("node").orElseThrow();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            for (String signal : List.of("TERM", "KILL")) {
                int expected = signal.equals("TERM") ? 128 + 15 : 128 + 9;
                for (var via : List.of(Map.entry("runner", runner), Map.entry("plain exec", plain))) {
                    // a unique command line, so that only this test's sleep is signalled (the servers are local)
                    String sleep = "sleep 60." + System.nanoTime() % 1_000_000;
                    Future<CommandResult> killed = pool.submit(() -> via.getValue().run(sleep, TIMEOUT));
                    awaitProcess(sleep);
                    new ProcessBuilder("pkill", "-" + signal, "-f", "-x", sleep).start().waitFor();
                    CommandResult result = killed.get();
                    assertThat(List.of(result.exitCode(), result.stdout(), result.stderr()))
                            .as("`%s` killed with SIG%s from outside, through the %s on %s", sleep, signal, via.getKey(), kind)
                            .isEqualTo(List.of(expected, "", ""));
                    String selfKill = "sh -c 'kill -" + signal + " $$'";
                    assertThat(via.getValue().run(selfKill, TIMEOUT).exitCode())
                            .as("`%s` through the %s on %s", selfKill, via.getKey(), kind).isEqualTo(expected);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(runner.usesNodeRunner()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openssh", "mina"})
    void commandsRunAtOnceAndEachGetsItsOwnOutput(String kind) throws Exception {
        Bed bed = bed(kind);
        NodeCommandRunner runner = bed.startedRunner();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            long started = System.nanoTime();
            List<Future<CommandResult>> sleepers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                sleepers.add(pool.submit(() -> runner.run("sleep 1; echo slept-" + n + "; echo e" + n + " >&2; exit " + n, TIMEOUT)));
            }
            for (int i = 0; i < sleepers.size(); i++) {
                CommandResult result = sleepers.get(i).get();
                assertThat(List.of(result.exitCode(), result.stdout(), result.stderr())).isEqualTo(List.of(i, "slept-" + i + "\n", "e" + i + "\n"));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("six 1 s sleeps ran side by side").isLessThan(Duration.ofMillis(4500));
            List<Future<CommandResult>> many = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                int n = i;
                many.add(pool.submit(() -> runner.run(n % 2 == 0 ? "echo quick-" + n : "seq 1 " + (n * 500), TIMEOUT)));
            }
            for (int i = 0; i < many.size(); i++) {
                String stdout = many.get(i).get().stdout();
                if (i % 2 == 0) {
                    assertThat(stdout).isEqualTo("quick-" + i + "\n");
                } else {
                    assertThat(stdout.lines().count()).isEqualTo(i * 500L);
                    assertThat(stdout).endsWith("\n" + (i * 500) + "\n");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(runner.usesNodeRunner()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openssh", "mina"})
    void aCommandPastItsTimeoutIsKilledOnTheNodeAndTheRunnerGoesOn(String kind) throws Exception {
        Bed bed = bed(kind);
        NodeCommandRunner runner = bed.startedRunner();
        long started = System.nanoTime();
        assertThatThrownBy(() -> runner.run("sleep 41.5", Duration.ofMillis(500)))
                .isInstanceOfSatisfying(CommandException.class, e -> assertThat(e.reason()).isEqualTo(CommandException.Reason.TIMED_OUT));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        // the node killed the command's process group: no `sleep 41.5` left
        awaitNoProcess("sleep 41.5");
        assertThat(runner.run("echo after", TIMEOUT).stdout()).isEqualTo("after\n");
        assertThat(runner.usesNodeRunner()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openssh", "mina"})
    void whenTheRunnerDiesMidCommandThatCommandFailsAndTheNextStartsANewRunner(String kind) throws Exception {
        Bed bed = bed(kind);
        NodeCommandRunner runner = bed.startedRunner();
        long pid = runner.nodeRunnerPid();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<CommandResult> longOne = pool.submit(() -> runner.run("sleep 20", TIMEOUT));
            Thread.sleep(300);
            // the servers run on this machine: the runner's pid is a local pid
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
            long killed = System.nanoTime();
            assertThatThrownBy(longOne::get).hasCauseInstanceOf(CommandException.class)
                    .satisfies(e -> assertThat(((CommandException) e.getCause()).reason()).isEqualTo(CommandException.Reason.CHANNEL_FAILED))
                    .hasMessageContaining("command runner stopped");
            assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("the command learnt it at once").isLessThan(Duration.ofSeconds(3));
        } finally {
            pool.shutdownNow();
        }
        assertThat(runner.run("echo next", TIMEOUT).stdout()).as("the next command runs (in a plain exec)").isEqualTo("next\n");
        assertThat(runner.awaitNodeRunner(Duration.ofSeconds(20))).as("a new runner").isTrue();
        assertThat(runner.nodeRunnerPid()).isNotEqualTo(pid);
        assertThat(runner.run("echo again", TIMEOUT).stdout()).isEqualTo("again\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"openssh", "mina"})
    void withoutPerlCommandsStayOnPlainExecAndTheLogSaysSoOnce(String kind) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin-without-perl"));
        for (String tool : List.of("true", "echo", "cat", "sleep", "ls")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
        }
        // a node whose commands find no perl on their PATH: for sshd through root's ~/.ssh/environment (its
        // stock home is sshd/root-home, see OpenSshServer), for MINA through the exec's environment
        Bed bed = bed(kind, List.of("PermitUserEnvironment yes"));
        if (bed.server() instanceof TestSshServer mina) {
            mina.setExecEnvironment(Map.of("PATH", bin.toString()));
        } else {
            Files.writeString(dir.resolve("sshd/root-home/.ssh/environment"), "PATH=" + bin + "\n");
        }
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger(NodeCommandRunner.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            NodeCommandRunner runner = bed.runner();
            assertThat(runner.run("echo token=s3cr3t-value", TIMEOUT).stdout()).isEqualTo("token=s3cr3t-value\n");
            assertThat(runner.awaitNodeRunner(Duration.ofSeconds(20))).as("no runner without perl").isFalse();
            for (int i = 0; i < 5; i++) {
                CommandResult result = runner.run("echo " + i + "; ls /nonexistent-lbt", TIMEOUT);
                assertThat(List.of(result.exitCode(), result.stdout())).isEqualTo(List.of(2, i + "\n"));
                assertThat(result.stderr()).contains("/nonexistent-lbt");
            }
            assertThat(runner.usesNodeRunner()).isFalse();
        } finally {
            log.removeHandler(handler);
        }
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).getMessage()).contains("plain exec channels").contains("perl").doesNotContain("s3cr3t");
    }

    private static void awaitProcess(String commandLine) throws Exception {
        awaitPgrep(commandLine, true, Duration.ofSeconds(10));
    }

    private static void awaitNoProcess(String commandLine) throws Exception {
        awaitPgrep(commandLine, false, Duration.ofSeconds(5));
    }

    /** Waits until a process with exactly {@code commandLine} runs on this machine, or none does. */
    private static void awaitPgrep(String commandLine, boolean running, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Process pgrep = new ProcessBuilder("pgrep", "-f", "-x", commandLine).start();
            String found = new String(pgrep.getInputStream().readAllBytes()).strip();
            pgrep.waitFor();
            if (found.isEmpty() != running) {
                return;
            }
            assertThat(System.nanoTime()).as(running ? "`%s` never started" : "`%s` still runs (pid %s)", commandLine, found)
                    .isLessThan(deadline);
            Thread.sleep(running ? 20 : 100);
        }
    }
}
