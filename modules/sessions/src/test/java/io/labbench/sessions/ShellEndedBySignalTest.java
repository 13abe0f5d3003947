package io.labbench.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.labbench.sessions.testing.OpenSshServer;
import io.labbench.sessions.testing.TerminalProbe;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pane's shell that a signal ends reports 128 + the signal's number, as {@code echo $?} in a shell and the
 * command runners do: Debian's OpenSSH sshd sends such an end as an exit-signal with no exit status (JSch: -1),
 * MINA as Java's {@code Process} gives it (128 + N).
 */
class ShellEndedBySignalTest {

    private static final Duration TIMEOUT = SshFixture.WAIT;

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"openssh", "mina"})
    void aShellKilledBySignalNineEndsWithStatus137(String kind) throws Exception {
        TerminalSession terminal = hub(kind).openTerminal("node", 80, 24);
        try (TerminalProbe probe = new TerminalProbe(terminal)) {
            probe.type("echo ready-$((40+2))\r");
            probe.awaitContains(0, "ready-42", TIMEOUT);
            // an interactive shell ignores TERM; KILL ends it as a learner's `kill -9` from another pane would
            probe.type("kill -KILL $$\r");
            assertThat(probe.awaitEnd(TIMEOUT)).as("the pane's reader sees the end").isTrue();
        }
        assertThat(terminal.status()).as("on %s", kind).isInstanceOfSatisfying(TerminalStatus.ClosedByExit.class,
                exited -> assertThat(exited.exitCode()).isEqualTo(128 + 9));
        assertThat(terminal.waitFor()).isEqualTo(128 + 9);
    }

    private SessionHub hub(String kind) throws Exception {
        TestKeys.KeyFiles key = TestKeys.generate(dir.resolve("keys"), TestKeys.Type.ECDSA);
        SshEndpoint endpoint;
        String knownHosts;
        if (kind.equals("openssh")) {
            assumeTrue(OpenSshServer.unavailableReason().isEmpty(), () -> "no OpenSSH sshd here: " + OpenSshServer.unavailableReason());
            OpenSshServer sshd = OpenSshServer.start(dir.resolve("sshd"), key);
            toClose.add(sshd);
            endpoint = SshEndpoint.direct("node", sshd.host(), sshd.port(), "root", List.of(key.privateKey()));
            knownHosts = sshd.knownHostsLine();
        } else {
            TestSshServer mina = TestSshServer.start();
            toClose.add(mina);
            mina.authorize(key.publicKey());
            endpoint = SshFixture.endpoint("node", mina, key.privateKey());
            knownHosts = mina.knownHostsLine();
        }
        Files.writeString(dir.resolve("known_hosts"), knownHosts + "\n");
        SessionHub hub = SessionHub.builder(SshFixture.workspace(endpoint)).sshSettings(SshFixture.settings(dir))
                .transcripts(dir.resolve("transcripts")).build();
        toClose.add(0, hub);
        return hub;
    }
}
