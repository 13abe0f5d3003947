package io.labbench.sessions;

import io.labbench.sessions.ssh.HostKeyDecision;
import io.labbench.sessions.ssh.HostKeyVerifier;
import io.labbench.sessions.ssh.ReconnectBackoff;
import io.labbench.sessions.ssh.SshSettings;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import io.labbench.cluster.Backend;
import io.labbench.sessions.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Shared set-up for tests against {@link TestSshServer}: keys, known_hosts, fast reconnects. */
public final class SshFixture {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private SshFixture() {
    }

    /** Client settings that read nothing of the real ~/.ssh, with quick retries for tests. */
    public static SshSettings settings(Path dir) {
        return SshSettings.isolated(dir.resolve("known_hosts"))
                .withBackoff(new ReconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(2), 2.0))
                .withKeepAlive(Duration.ofSeconds(2), 3);
    }

    public static void trust(Path dir, TestSshServer server) throws IOException {
        Files.writeString(dir.resolve("known_hosts"), server.knownHostsLine() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** A server that trusts a fresh key of {@code type} and is in known_hosts. */
    public static TestKeys.KeyFiles authorize(Path dir, TestSshServer server, TestKeys.Type type) throws IOException {
        TestKeys.KeyFiles key = TestKeys.generate(dir.resolve("keys"), type);
        server.authorize(key.publicKey());
        return key;
    }

    public static Workspace workspace(Endpoint... endpoints) {
        return new Workspace("lbt-test", Backend.LOCAL, List.of(endpoints), Map.of());
    }

    public static SshEndpoint endpoint(String name, TestSshServer server, Path key) {
        return SshEndpoint.direct(name, server.host(), server.port(), "root", List.of(key));
    }

    /** A verifier that records every question and gives one fixed answer. */
    public static final class RecordingVerifier implements HostKeyVerifier {
        public final List<io.labbench.sessions.ssh.UnknownHostKey> asked = new CopyOnWriteArrayList<>();
        public final List<io.labbench.sessions.ssh.ChangedHostKey> refused = new CopyOnWriteArrayList<>();
        private final HostKeyDecision answer;

        public RecordingVerifier(HostKeyDecision answer) {
            this.answer = answer;
        }

        @Override
        public HostKeyDecision decideUnknown(io.labbench.sessions.ssh.UnknownHostKey key) {
            asked.add(key);
            return answer;
        }

        @Override
        public void refusedChanged(io.labbench.sessions.ssh.ChangedHostKey key) {
            refused.add(key);
        }
    }

    /** Polls until {@code condition} holds; fails with {@code what} otherwise. */
    public static <T> T await(java.util.function.Supplier<T> value, Predicate<T> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T seen = value.get();
        while (!condition.test(seen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + what + " within " + timeout.toSeconds() + " s; last seen: " + seen);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            seen = value.get();
        }
        return seen;
    }
}
