package io.labbench.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.sessions.testing.TerminalProbe;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failure retrying cannot fix waits for the user; the banner's Reconnect button then tries again. */
class ReconnectButtonTest {

    private static final Duration TIMEOUT = SshFixture.WAIT;

    @TempDir
    Path dir;

    @Test
    void failedTerminalWaitsAndReconnectNowSucceedsOnceTheServerAcceptsTheKey() throws Exception {
        try (TestSshServer server = TestSshServer.start()) {
            TestKeys.KeyFiles key = TestKeys.generate(dir.resolve("keys"), TestKeys.Type.ECDSA);
            SshFixture.trust(dir, server);
            try (SessionHub hub = SessionHub.builder(SshFixture.workspace(SshFixture.endpoint("master", server, key.privateKey())))
                    .sshSettings(SshFixture.settings(dir)).build()) {
                TerminalSession terminal = hub.openTerminal("master", 80, 24);
                try (TerminalProbe probe = new TerminalProbe(terminal)) {
                    TerminalStatus failed = SshFixture.await(terminal::status, TerminalStatus.Failed.class::isInstance, TIMEOUT, "Failed");
                    assertThat(failed.message()).contains("authentication");
                    Thread.sleep(1000);
                    assertThat(server.connectionsAccepted()).as("no automatic retries").isEqualTo(1);
                    assertThat(probe.ended()).as("the pane stays open").isFalse();

                    server.authorize(key.publicKey());
                    terminal.reconnectNow();
                    SshFixture.await(terminal::status, TerminalStatus.Connected.class::isInstance, TIMEOUT, "Connected");
                    probe.type("echo fixed-$((3*3))\r");
                    probe.awaitContains(0, "fixed-9", TIMEOUT);
                }
            }
        }
    }
}
