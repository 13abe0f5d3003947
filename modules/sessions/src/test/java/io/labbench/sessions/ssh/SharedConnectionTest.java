package io.labbench.sessions.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.sessions.CommandException;
import io.labbench.sessions.CommandResult;
import io.labbench.sessions.CommandRunner;
import io.labbench.sessions.SessionHub;
import io.labbench.sessions.SshFixture;
import io.labbench.sessions.TerminalSession;
import io.labbench.sessions.testing.CommandReply;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import io.labbench.sessions.testing.TerminalProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedConnectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private TestSshServer server;
    private SessionHub hub;

    @BeforeEach
    void start() throws Exception {
        server = TestSshServer.start();
        TestKeys.KeyFiles key = SshFixture.authorize(dir, server, TestKeys.Type.ED25519);
        SshFixture.trust(dir, server);
        hub = SessionHub.builder(SshFixture.workspace(SshFixture.endpoint("worker1", server, key.privateKey())))
                // plain exec channels: the tests count exec requests and stub replies to them, which a command runner
                // on the node would bypass (NodeCommandRunnerTest covers that path)
                .sshSettings(SshFixture.settings(dir)).nodeRunner(false).build();
    }

    @AfterEach
    void stop() {
        hub.close();
        server.close();
    }

    @Test
    void terminalAndManyExecChannelsShareOneTcpConnection() throws Exception {
        TerminalSession terminal = hub.openTerminal("worker1", 80, 24);
        try (TerminalProbe probe = new TerminalProbe(terminal)) {
            probe.type("echo interactive-ok\r");
            probe.awaitContains(0, "interactive-ok", TIMEOUT);
            CommandRunner runner = hub.runner("worker1").orElseThrow();
            for (int i = 0; i < 20; i++) {
                assertThat(runner.run("echo " + i, TIMEOUT).stdout()).isEqualTo(i + "\n");
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<CommandResult>> parallel = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    int n = i;
                    parallel.add(pool.submit(() -> runner.run("echo parallel-" + n, TIMEOUT)));
                }
                for (int i = 0; i < parallel.size(); i++) {
                    assertThat(parallel.get(i).get().stdout()).isEqualTo("parallel-" + i + "\n");
                }
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(server.execCount()).isEqualTo(32);
        assertThat(server.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void reportsExitCodeStdoutAndStderrSeparately() throws Exception {
        CommandResult result = hub.runner("worker1").orElseThrow().run("echo out; echo err >&2; exit 3", TIMEOUT);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void stubbedCommandsChangeWhatTheServerPrints() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        server.stubCommand("conntrack -C", () -> CommandReply.of(polls.incrementAndGet() * 10 + "\n"));
        CommandRunner runner = hub.runner("worker1").orElseThrow();
        assertThat(runner.run("conntrack -C", TIMEOUT).stdout()).isEqualTo("10\n");
        assertThat(runner.run("conntrack -C", TIMEOUT).stdout()).isEqualTo("20\n");
    }

    @Test
    void aCommandThatOverrunsItsTimeoutFailsAndTheConnectionStaysUsable() throws Exception {
        CommandRunner runner = hub.runner("worker1").orElseThrow();
        runner.run("true", TIMEOUT);
        assertThatThrownBy(() -> runner.run("sleep 20", Duration.ofMillis(700)))
                .isInstanceOfSatisfying(CommandException.class,
                        e -> assertThat(e.reason()).isEqualTo(CommandException.Reason.TIMED_OUT));
        assertThat(runner.run("echo still-here", TIMEOUT).stdout()).isEqualTo("still-here\n");
        assertThat(server.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void unknownEndpointHasNoRunner() {
        assertThat(hub.runner("worker9")).isEmpty();
    }
}
