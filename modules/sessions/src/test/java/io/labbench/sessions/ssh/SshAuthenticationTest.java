package io.labbench.sessions.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.sessions.CommandException;
import io.labbench.sessions.CommandResult;
import io.labbench.sessions.ConnectionState;
import io.labbench.sessions.SessionHub;
import io.labbench.sessions.SshEndpoint;
import io.labbench.sessions.SshFixture;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SshAuthenticationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static TestSshServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        server = TestSshServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(TestKeys.Type.class)
    void authenticatesWithOpenSshKeyFileOfEachType(TestKeys.Type type) throws Exception {
        TestKeys.KeyFiles key = SshFixture.authorize(dir, server, type);
        SshFixture.trust(dir, server);
        try (SessionHub hub = SessionHub.builder(SshFixture.workspace(SshFixture.endpoint("worker1", server, key.privateKey())))
                .sshSettings(SshFixture.settings(dir)).build()) {
            CommandResult result = hub.runner("worker1").orElseThrow().run("echo key-type-" + type, TIMEOUT);

            assertThat(result.stdout()).isEqualTo("key-type-" + type + "\n");
            assertThat(result.exitCode()).isZero();
            assertThat(hub.status("worker1").state()).isEqualTo(ConnectionState.CONNECTED);
        }
    }

    @Test
    void encryptedKeyAsksForThePassphraseOnceAndRetriesAfterAWrongOne() throws Exception {
        TestKeys.KeyFiles key = TestKeys.generate(dir.resolve("keys"), TestKeys.Type.ED25519, "lbt-correct-horse");
        server.authorize(key.publicKey());
        SshFixture.trust(dir, server);
        List<Integer> attempts = new ArrayList<>();
        PassphrasePrompt prompt = (keyFile, attempt) -> {
            assertThat(keyFile).isEqualTo(key.privateKey());
            attempts.add(attempt);
            return Optional.of((attempt == 1 ? "wrong-guess" : "lbt-correct-horse").toCharArray());
        };
        SshEndpoint first = SshFixture.endpoint("master", server, key.privateKey());
        SshEndpoint second = SshFixture.endpoint("worker1", server, key.privateKey());
        try (SessionHub hub = SessionHub.builder(SshFixture.workspace(first, second)).passphrasePrompt(prompt)
                .sshSettings(SshFixture.settings(dir)).transcripts(dir.resolve("transcripts")).build()) {
            assertThat(hub.runner("master").orElseThrow().run("echo one", TIMEOUT).stdout()).isEqualTo("one\n");
            assertThat(hub.runner("worker1").orElseThrow().run("echo two", TIMEOUT).stdout()).isEqualTo("two\n");
        }

        // Asked twice for the first connection (wrong, then right), not again for the second.
        assertThat(attempts).containsExactly(1, 2);
        assertThat(filesContaining(dir, "lbt-correct-horse")).as("files holding the passphrase").isEmpty();
    }

    @Test
    void cancelledPassphraseFailsWithAMessageNamingTheKey() throws Exception {
        TestKeys.KeyFiles key = TestKeys.generate(dir.resolve("keys"), TestKeys.Type.ECDSA, "lbt-secret-pass");
        server.authorize(key.publicKey());
        SshFixture.trust(dir, server);
        try (SessionHub hub = SessionHub.builder(SshFixture.workspace(SshFixture.endpoint("master", server, key.privateKey())))
                .passphrasePrompt(PassphrasePrompt.none()).sshSettings(SshFixture.settings(dir)).build()) {
            assertThatThrownBy(() -> hub.runner("master").orElseThrow().run("true", TIMEOUT))
                    .isInstanceOf(CommandException.class);
            var status = SshFixture.await(() -> hub.status("master"), s -> s.state() == ConnectionState.FAILED, TIMEOUT, "FAILED");
            assertThat(status.detail()).contains("authentication").contains(key.privateKey().toString()).contains("encrypted");
        }
    }

    @Test
    void unauthorisedKeyIsAPermanentFailureThatSaysWhatToCheck() throws Exception {
        TestKeys.KeyFiles stranger = TestKeys.generate(dir.resolve("stranger"), TestKeys.Type.ED25519);
        SshFixture.trust(dir, server);
        try (SessionHub hub = SessionHub.builder(SshFixture.workspace(SshFixture.endpoint("master", server, stranger.privateKey())))
                .sshSettings(SshFixture.settings(dir)).build()) {
            assertThatThrownBy(() -> hub.runner("master").orElseThrow().run("true", TIMEOUT))
                    .isInstanceOf(CommandException.class);
            var status = SshFixture.await(() -> hub.status("master"), s -> s.state() == ConnectionState.FAILED, TIMEOUT, "FAILED");
            assertThat(status.detail()).contains("authentication as root").contains("authorized_keys");
            int connections = server.connectionsAccepted();
            Thread.sleep(1500);
            assertThat(server.connectionsAccepted()).as("no retries after an authentication failure").isEqualTo(connections);
        }
    }

    @Test
    void usesKeysHeldBySshAgent() throws Exception {
        TestKeys.KeyFiles key = TestKeys.generate(dir.resolve("agent-keys"), TestKeys.Type.ED25519);
        server.authorize(key.publicKey());
        SshFixture.trust(dir, server);
        Path socket = dir.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true).start();
        try {
            SshFixture.await(() -> Files.exists(socket), exists -> exists, TIMEOUT, "ssh-agent's socket");
            ProcessBuilder add = new ProcessBuilder("ssh-add", key.privateKey().toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", socket.toString());
            Process adding = add.start();
            assertThat(adding.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(adding.exitValue()).as(new String(adding.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
            // The endpoint names no key file at all: only the agent can authenticate.
            SshEndpoint endpoint = SshEndpoint.direct("worker2", server.host(), server.port(), "root", List.of());
            try (SessionHub hub = SessionHub.builder(SshFixture.workspace(endpoint))
                    .sshSettings(SshFixture.settings(dir).withAgent(socket)).build()) {
                assertThat(hub.runner("worker2").orElseThrow().run("echo from-agent", TIMEOUT).stdout()).isEqualTo("from-agent\n");
            }
        } finally {
            agent.destroy();
            agent.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void readsHostNamePortUserAndIdentityFileFromSshConfig() throws Exception {
        TestKeys.KeyFiles key = SshFixture.authorize(dir, server, TestKeys.Type.RSA);
        SshFixture.trust(dir, server);
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, String.join("\n",
                "Host lbt-node",
                "    HostName " + server.host(),
                "    Port " + server.port(),
                "    User root",
                "    IdentityFile " + key.privateKey(),
                ""));
        SshEndpoint endpoint = new SshEndpoint("worker1", "", 0, "", List.of(), Optional.empty(), Optional.of("lbt-node"));
        try (SessionHub hub = SessionHub.builder(SshFixture.workspace(endpoint))
                .sshSettings(SshFixture.settings(dir).withSshConfig(config)).build()) {
            assertThat(hub.runner("worker1").orElseThrow().run("echo via-config", TIMEOUT).stdout()).isEqualTo("via-config\n");
        }
    }

    private static List<Path> filesContaining(Path root, String text) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                try {
                    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }
}
