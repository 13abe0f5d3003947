package io.labbench.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.techsenger.jeditermfx.core.util.TermSize;
import io.labbench.sessions.testing.TerminalProbe;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interactive SSH terminals against a real pty-backed shell: resize, exit, drops and reconnects. */
class SshTerminalSessionTest {

    private static final Duration TIMEOUT = SshFixture.WAIT;

    @TempDir
    Path dir;

    private TestSshServer server;
    private SessionHub hub;

    @BeforeEach
    void start() throws Exception {
        server = TestSshServer.start();
        TestKeys.KeyFiles key = SshFixture.authorize(dir, server, TestKeys.Type.ECDSA);
        SshFixture.trust(dir, server);
        hub = SessionHub.builder(SshFixture.workspace(SshFixture.endpoint("worker2", server, key.privateKey())))
                .sshSettings(SshFixture.settings(dir)).transcripts(dir.resolve("transcripts")).build();
    }

    @AfterEach
    void stop() {
        hub.close();
        server.close();
    }

    @Test
    void resizeReachesTheRemotePty() throws Exception {
        TerminalSession terminal = hub.openTerminal("worker2", 80, 24);
        try (TerminalProbe probe = new TerminalProbe(terminal)) {
            probe.type("stty size\r");
            probe.awaitContains(0, "24 80", TIMEOUT);
            int mark = probe.length();
            terminal.resize(new TermSize(132, 43));
            probe.type("stty size\r");
            probe.awaitContains(mark, "43 132", TIMEOUT);
        }
    }

    @Test
    void typedExitClosesTheSessionInsteadOfReconnecting() throws Exception {
        TerminalSession terminal = hub.openTerminal("worker2", 80, 24);
        List<TerminalStatus> statuses = new CopyOnWriteArrayList<>();
        terminal.addStatusListener(statuses::add);
        try (TerminalProbe probe = new TerminalProbe(terminal)) {
            probe.type("echo ready\r");
            probe.awaitContains(0, "ready", TIMEOUT);
            probe.type("exit 7\r");
            assertThat(probe.awaitEnd(TIMEOUT)).as("the widget's reader sees the end").isTrue();
        }
        assertThat(terminal.status()).isInstanceOfSatisfying(TerminalStatus.ClosedByExit.class,
                exited -> assertThat(exited.exitCode()).isEqualTo(7));
        assertThat(terminal.waitFor()).isEqualTo(7);
        assertThat(statuses).noneMatch(s -> s instanceof TerminalStatus.Dropped || s instanceof TerminalStatus.Reconnected);
        Thread.sleep(1000);
        assertThat(server.connectionsAccepted()).as("no reconnect after exit").isEqualTo(1);
        assertThat(hub.status("worker2").state()).as("the shared connection itself stays up").isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void serverRestartDropsAndReconnectsTheSameSessionKeepingItsScrollbackAndTranscript() throws Exception {
        TerminalSession terminal = hub.openTerminal("worker2", 80, 24);
        List<TerminalStatus> statuses = new CopyOnWriteArrayList<>();
        terminal.addStatusListener(statuses::add);
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        hub.addStatusListener("worker2", s -> states.add(s.state()));
        try (TerminalProbe probe = new TerminalProbe(terminal)) {
            probe.type("echo before-$((1+1))\r");
            probe.awaitContains(0, "before-2", TIMEOUT);

            server.stop();
            SshFixture.await(() -> List.copyOf(statuses), s -> s.stream().anyMatch(TerminalStatus.Dropped.class::isInstance),
                    TIMEOUT, "a Dropped status");
            SshFixture.await(() -> hub.status("worker2").state(), s -> s == ConnectionState.RECONNECTING, TIMEOUT, "RECONNECTING");
            server.restart();

            SshFixture.await(() -> terminal.status(), TerminalStatus.Reconnected.class::isInstance, TIMEOUT, "Reconnected");
            int mark = probe.length();
            probe.type("echo after-$((2+3))\r");
            probe.awaitContains(mark, "after-5", TIMEOUT);
            assertThat(probe.output()).as("one stream, scrollback intact").contains("before-2").contains("after-5");
            assertThat(probe.ended()).isFalse();
        }
        assertThat(server.connectionsAccepted()).isEqualTo(2);
        assertThat(states).contains(ConnectionState.CONNECTED, ConnectionState.RECONNECTING);
        Path transcript = terminal.transcriptFile().orElseThrow();
        String recorded = Files.readString(transcript, StandardCharsets.UTF_8);
        assertThat(recorded).contains("before-2").contains("after-5").contains("connection to worker2 was lost")
                .contains("reconnected");
        assertThat(recorded.indexOf("before-2")).isLessThan(recorded.indexOf("reconnected"));
        assertThat(recorded.lines()).allMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z \\| .*"),
                "every line starts with a timestamp");
    }

    @Test
    void aCutConnectionWithoutRestartAlsoReconnects() throws Exception {
        TerminalSession terminal = hub.openTerminal("worker2", 80, 24);
        try (TerminalProbe probe = new TerminalProbe(terminal)) {
            probe.type("echo first\r");
            probe.awaitContains(0, "first", TIMEOUT);
            server.dropConnections();
            SshFixture.await(() -> server.connectionsAccepted(), n -> n >= 2, TIMEOUT, "a second connection");
            SshFixture.await(() -> terminal.status(), TerminalStatus.Reconnected.class::isInstance, TIMEOUT, "Reconnected");
            int mark = probe.length();
            probe.type("echo second\r");
            probe.awaitContains(mark, "second", TIMEOUT);
            assertThat(hub.runner("worker2").orElseThrow().run("echo exec-after-drop", TIMEOUT).stdout())
                    .isEqualTo("exec-after-drop\n");
        }
    }

    @Test
    void inputTypedBeforeTheShellStartsIsDelivered() throws Exception {
        TerminalSession terminal = hub.openTerminal("worker2", 80, 24);
        terminal.type("echo early-$((6*7))", true);
        try (TerminalProbe probe = new TerminalProbe(terminal)) {
            probe.awaitContains(0, "early-42", TIMEOUT);
            assertThat(terminal.recentLines(50)).anyMatch(line -> line.contains("early-42"));
        }
    }

    @Test
    void closingThePaneEndsTheSessionWithoutReconnecting() throws Exception {
        TerminalSession terminal = hub.openTerminal("worker2", 80, 24);
        TerminalProbe probe = new TerminalProbe(terminal);
        probe.type("echo up\r");
        probe.awaitContains(0, "up", TIMEOUT);
        terminal.close();
        assertThat(probe.awaitEnd(TIMEOUT)).isTrue();
        assertThat(terminal.status()).isInstanceOf(TerminalStatus.Closed.class);
        assertThat(hub.openTerminals()).doesNotContain(terminal);
    }
}
