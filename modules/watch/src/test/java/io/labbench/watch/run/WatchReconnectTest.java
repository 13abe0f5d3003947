package io.labbench.watch.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.sessions.SessionHub;
import io.labbench.sessions.SshFixture;
import io.labbench.sessions.ssh.ReconnectBackoff;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import io.labbench.watch.WatchDefinition;
import io.labbench.watch.testing.RecordingListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that was down for a while (its SSH server stopped, as when a node reboots) and comes back:
 * the watch says it is reconnecting meanwhile, and shows fresh output soon after the server answers,
 * not when the connection's backoff (0.5, 1, 2, 4, 8 s … with the app's standard settings) would next
 * have tried. Before commands started their own attempts this took up to 10.7 s.
 */
class WatchReconnectTest {

    /** The goal is about 2 s; the bound leaves room for a loaded CI machine and still fails the old 8 s wait. */
    private static final Duration BACK_WITHIN = Duration.ofMillis(4500);

    @TempDir
    Path dir;

    @Test
    void aWatchRefreshesSoonAfterItsServerComesBackAndSaysReconnectingMeanwhile() throws Exception {
        try (TestSshServer server = TestSshServer.start();
             WatchScheduler scheduler = new WatchScheduler()) {
            TestKeys.KeyFiles key = SshFixture.authorize(dir, server, TestKeys.Type.ECDSA);
            SshFixture.trust(dir, server);
            try (SessionHub hub = SessionHub.builder(SshFixture.workspace(SshFixture.endpoint("worker1", server, key.privateKey())))
                    .sshSettings(SshFixture.settings(dir).withBackoff(ReconnectBackoff.standard())).build()) {
                RecordingListener listener = new RecordingListener();
                WatchDefinition watch = WatchDefinition.custom("worker1", "echo up-$((6*7))", Optional.empty(), Duration.ofSeconds(1));
                try (WatchRunner runner = new WatchRunner(watch, hub, (parser, text, at) -> RawTextSnapshots.of(text, at),
                        scheduler, listener, Clock.systemUTC())) {
                    runner.resume();
                    listener.await(WatchOutcome.Refreshed.class, r -> r.rawText().contains("up-42"), SshFixture.WAIT);

                    server.stop();
                    Instant stopped = Instant.now();
                    // long enough for the backoff to grow: its next attempt would be 7.5 s after the drop
                    Thread.sleep(8_000);
                    WatchOutcome.NotRun meanwhile = listener.await(WatchOutcome.NotRun.class, n -> n.at().isAfter(stopped), Duration.ofSeconds(1));

                    server.restart();
                    Instant back = Instant.now();
                    WatchOutcome.Refreshed fresh = listener.await(WatchOutcome.Refreshed.class, r -> r.at().isAfter(back), SshFixture.WAIT);
                    Duration took = Duration.between(back, fresh.at());
                    System.out.println("RECONNECT watch fresh " + took.toMillis() + " ms after the server came back");
                    assertThat(took).as("time from the server answering again to the watch's fresh output").isLessThan(BACK_WITHIN);
                    assertThat(meanwhile.describe()).as("what the panel said while the node was away").contains("reconnecting…")
                            .contains("showing the last snapshot");
                    long attempts = server.connectionsAccepted();
                    assertThat(attempts).as("connections the server saw (the first and one reconnect)").isLessThanOrEqualTo(3);
                }
            }
        }
    }
}
