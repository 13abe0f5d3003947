package io.labbench.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.sessions.ssh.ReconnectBackoff;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection whose peer goes silent without closing (a dead NAT entry, a stopped VM) is only noticed
 * by keepalives. A relay between client and server stops forwarding to play that.
 */
class KeepAliveTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void silentPeerIsDetectedByKeepaliveAndTheConnectionComesBackAfterwards() throws Exception {
        try (TestSshServer server = TestSshServer.start(); SilencingRelay relay = new SilencingRelay(server.port())) {
            TestKeys.KeyFiles key = SshFixture.authorize(dir, server, TestKeys.Type.ECDSA);
            Files.writeString(dir.resolve("known_hosts"),
                    server.knownHostsLine().replace("]:" + server.port() + " ", "]:" + relay.port() + " ") + "\n",
                    StandardCharsets.UTF_8);
            var settings = SshFixture.settings(dir).withKeepAlive(Duration.ofSeconds(1), 2)
                    .withBackoff(new ReconnectBackoff(Duration.ofMillis(300), Duration.ofSeconds(1), 2.0));
            SshEndpoint endpoint = SshEndpoint.direct("worker1", "127.0.0.1", relay.port(), "root", List.of(key.privateKey()));
            try (SessionHub hub = SessionHub.builder(SshFixture.workspace(endpoint)).sshSettings(settings).build()) {
                List<ConnectionState> states = new CopyOnWriteArrayList<>();
                hub.addStatusListener("worker1", status -> states.add(status.state()));
                assertThat(hub.runner("worker1").orElseThrow().run("echo up", TIMEOUT).stdout()).isEqualTo("up\n");

                relay.silence(true);
                SshFixture.await(() -> hub.status("worker1").state(), s -> s == ConnectionState.RECONNECTING, TIMEOUT,
                        "RECONNECTING once keepalives go unanswered");
                relay.silence(false);
                SshFixture.await(() -> hub.status("worker1").state(), s -> s == ConnectionState.CONNECTED, TIMEOUT, "CONNECTED again");
                assertThat(hub.runner("worker1").orElseThrow().run("echo back", TIMEOUT).stdout()).isEqualTo("back\n");
                assertThat(states).containsSubsequence(ConnectionState.CONNECTED, ConnectionState.RECONNECTING, ConnectionState.CONNECTED);
            }
        }
    }

    /** A loopback TCP relay that can stop passing bytes while keeping both sockets open. */
    private static final class SilencingRelay implements AutoCloseable {
        private final ServerSocket listener;
        private final int targetPort;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private volatile boolean silent;

        SilencingRelay(int targetPort) throws IOException {
            this.targetPort = targetPort;
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::acceptLoop, "lbt-relay-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        void silence(boolean on) {
            silent = on;
        }

        private void acceptLoop() {
            try {
                while (true) {
                    Socket client = listener.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    sockets.add(client);
                    sockets.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                }
            } catch (IOException e) {
                // Closed.
            }
        }

        private void pump(Socket from, Socket to) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16384];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        // While silent, bytes read are swallowed: each side sees a live socket and no answers.
                        if (!silent) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    }
                } catch (IOException e) {
                    // One side closed.
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "lbt-relay-pump");
            thread.setDaemon(true);
            thread.start();
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // Already closed.
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            sockets.forEach(SilencingRelay::closeQuietly);
        }
    }
}
