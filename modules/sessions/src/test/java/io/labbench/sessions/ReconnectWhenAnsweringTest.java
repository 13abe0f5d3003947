package io.labbench.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.sessions.ssh.ReconnectBackoff;
import io.labbench.sessions.testing.TerminalProbe;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A terminal whose node went away (a lab restart) and has no watch to hurry it: its next retry may be
 * up to 30 s off. When the lab reports its nodes up, {@link SessionHub#reconnectWhereAnswering} brings
 * the terminal back at once instead, and leaves it waiting while the node does not answer yet.
 */
class ReconnectWhenAnsweringTest {

    /** Far longer than the waits below: without the nudge the terminal would still be waiting. */
    private static final Duration LONG_BACKOFF = Duration.ofSeconds(40);
    private static final Duration PROBE = Duration.ofMillis(300);

    @TempDir
    Path dir;

    @Test
    void aTerminalWaitingOutItsBackoffIsBackSoonAfterItsNodeAnswersAgain() throws Exception {
        try (TestSshServer server = TestSshServer.start()) {
            TestKeys.KeyFiles key = SshFixture.authorize(dir, server, TestKeys.Type.ECDSA);
            SshFixture.trust(dir, server);
            try (SessionHub hub = SessionHub.builder(SshFixture.workspace(SshFixture.endpoint("worker1", server, key.privateKey())))
                    .sshSettings(SshFixture.settings(dir).withBackoff(new ReconnectBackoff(LONG_BACKOFF, LONG_BACKOFF, 1.0))).build()) {
                TerminalSession terminal = hub.openTerminal("worker1", 80, 24);
                try (TerminalProbe probe = new TerminalProbe(terminal)) {
                    SshFixture.await(terminal::status, TerminalStatus.Connected.class::isInstance, SshFixture.WAIT, "Connected");

                    java.util.concurrent.atomic.AtomicReference<ConnectionStatus> connection = new java.util.concurrent.atomic.AtomicReference<>();
                    hub.addStatusListener("worker1", connection::set);
                    server.stop();
                    // the pane says the connection dropped; the connection waits for its next retry, 40 s off
                    SshFixture.await(terminal::status, s -> s instanceof TerminalStatus.Dropped || s instanceof TerminalStatus.Reconnecting,
                            SshFixture.WAIT, "Dropped or Reconnecting");
                    SshFixture.await(connection::get, c -> c != null && c.state() == ConnectionState.RECONNECTING, SshFixture.WAIT, "RECONNECTING");
                    assertThat(hub.reconnectWhereAnswering(PROBE)).as("nothing answers yet: no attempt").isEmpty();
                    int acceptedBefore = server.connectionsAccepted();

                    server.restart();
                    long start = System.nanoTime();
                    assertThat(hub.reconnectWhereAnswering(PROBE)).containsExactly("worker1");
                    SshFixture.await(terminal::status, s -> s instanceof TerminalStatus.Reconnected || s instanceof TerminalStatus.Connected, Duration.ofSeconds(15), "Reconnected");
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    System.out.println("RECONNECT after the node answered: " + millis + " ms (backoff would wait " + LONG_BACKOFF.toSeconds() + " s)");
                    assertThat(millis).isLessThan(LONG_BACKOFF.toMillis() / 2);
                    assertThat(server.connectionsAccepted()).isGreaterThan(acceptedBefore);
                    int mark = probe.length();
                    probe.type("echo back-$((6*7))\r");
                    probe.awaitContains(mark, "back-42", SshFixture.WAIT);
                    assertThat(hub.reconnectWhereAnswering(PROBE)).as("a connected endpoint is left alone").isEmpty();
                }
            }
        }
    }
}
