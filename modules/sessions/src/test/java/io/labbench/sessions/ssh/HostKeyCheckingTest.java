package io.labbench.sessions.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.sessions.CommandException;
import io.labbench.sessions.ConnectionState;
import io.labbench.sessions.SessionHub;
import io.labbench.sessions.SshFixture;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostKeyCheckingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private TestSshServer server;
    private TestKeys.KeyFiles key;

    @BeforeEach
    void start() throws IOException {
        server = TestSshServer.start();
        key = SshFixture.authorize(dir, server, TestKeys.Type.ECDSA);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SessionHub hub(HostKeyVerifier verifier) {
        return SessionHub.builder(SshFixture.workspace(SshFixture.endpoint("kops-ec2", server, key.privateKey())))
                .sshSettings(SshFixture.settings(dir)).hostKeyVerifier(verifier).build();
    }

    @Test
    void unknownHostShowsTheSameSha256FingerprintAsSshKeygenAndAcceptAlwaysSavesIt() throws Exception {
        var verifier = new SshFixture.RecordingVerifier(HostKeyDecision.ACCEPT_ALWAYS);
        try (SessionHub hub = hub(verifier)) {
            assertThat(hub.runner("kops-ec2").orElseThrow().run("echo trusted", TIMEOUT).stdout()).isEqualTo("trusted\n");
        }
        assertThat(verifier.asked).hasSize(1);
        UnknownHostKey asked = verifier.asked.get(0);
        assertThat(asked.hostEntry()).isEqualTo("[127.0.0.1]:" + server.port());
        assertThat(asked.sha256Fingerprint()).isEqualTo(sshKeygenFingerprint(server.knownHostsLine()));
        Path knownHosts = dir.resolve("known_hosts");
        assertThat(Files.readString(knownHosts)).contains("[127.0.0.1]:" + server.port() + " ecdsa-sha2-nistp256 ");
        // OpenSSH reads the saved line as a key for this host.
        assertThat(sshKeygenFind(knownHosts, "[127.0.0.1]:" + server.port())).contains("ecdsa-sha2-nistp256");

        var second = new SshFixture.RecordingVerifier(HostKeyDecision.CANCEL);
        try (SessionHub hub = hub(second)) {
            assertThat(hub.runner("kops-ec2").orElseThrow().run("echo again", TIMEOUT).stdout()).isEqualTo("again\n");
        }
        assertThat(second.asked).as("a saved key is not asked about again").isEmpty();
    }

    @Test
    void acceptOnceConnectsWithoutWritingKnownHosts() throws Exception {
        var verifier = new SshFixture.RecordingVerifier(HostKeyDecision.ACCEPT_ONCE);
        try (SessionHub hub = hub(verifier)) {
            assertThat(hub.runner("kops-ec2").orElseThrow().run("echo once", TIMEOUT).stdout()).isEqualTo("once\n");
        }
        assertThat(verifier.asked).hasSize(1);
        assertThat(dir.resolve("known_hosts")).doesNotExist();
    }

    @Test
    void cancelRefusesTheConnection() throws Exception {
        var verifier = new SshFixture.RecordingVerifier(HostKeyDecision.CANCEL);
        try (SessionHub hub = hub(verifier)) {
            assertThatThrownBy(() -> hub.runner("kops-ec2").orElseThrow().run("true", TIMEOUT))
                    .isInstanceOf(CommandException.class);
            var status = SshFixture.await(() -> hub.status("kops-ec2"), s -> s.state() == ConnectionState.FAILED, TIMEOUT, "FAILED");
            assertThat(status.detail()).contains("not trusted");
        }
        assertThat(server.execCount()).isZero();
    }

    @Test
    void changedHostKeyIsRefusedNamingTheKnownHostsFileAndLine() throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "# lab hosts\n"
                + "[127.0.0.1]:1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGKDQ9la6OaLANonKPD0o70N7Zc2weIBJvmFwCgXIMwA\n"
                + server.knownHostsLine() + "\n", StandardCharsets.UTF_8);
        server.setHostKey(TestSshServer.generateHostKey());
        var verifier = new SshFixture.RecordingVerifier(HostKeyDecision.ACCEPT_ALWAYS);
        try (SessionHub hub = hub(verifier)) {
            assertThatThrownBy(() -> hub.runner("kops-ec2").orElseThrow().run("true", TIMEOUT))
                    .isInstanceOf(CommandException.class);
            var status = SshFixture.await(() -> hub.status("kops-ec2"), s -> s.state() == ConnectionState.FAILED, TIMEOUT, "FAILED");
            assertThat(status.detail()).contains("CHANGED").contains("line 3 of " + knownHosts);
            assertThatThrownBy(() -> hub.runner("kops-ec2").orElseThrow().run("true", TIMEOUT))
                    .hasMessageContaining("line 3 of " + knownHosts);
        }
        assertThat(verifier.asked).as("a changed key is never offered for acceptance").isEmpty();
        assertThat(verifier.refused).singleElement().satisfies(changed -> {
            assertThat(changed.knownHostsLine()).isEqualTo(3);
            assertThat(changed.presentedFingerprint()).isEqualTo(sshKeygenFingerprint(server.knownHostsLine()));
        });
        assertThat(server.execCount()).isZero();
    }

    @Test
    void readsHashedKnownHostsEntries() throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine() + "\n", StandardCharsets.UTF_8);
        Process hash = new ProcessBuilder("ssh-keygen", "-H", "-f", knownHosts.toString()).redirectErrorStream(true).start();
        assertThat(hash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(knownHosts)).startsWith("|1|");
        var verifier = new SshFixture.RecordingVerifier(HostKeyDecision.CANCEL);
        try (SessionHub hub = hub(verifier)) {
            assertThat(hub.runner("kops-ec2").orElseThrow().run("echo hashed", TIMEOUT).stdout()).isEqualTo("hashed\n");
        }
        assertThat(verifier.asked).isEmpty();
    }

    private String sshKeygenFingerprint(String knownHostsLine) throws Exception {
        Path file = Files.createTempFile(dir, "host", ".pub");
        Files.writeString(file, knownHostsLine.substring(knownHostsLine.indexOf(' ') + 1) + "\n");
        String output = run("ssh-keygen", "-l", "-E", "sha256", "-f", file.toString());
        return output.split("\\s+")[1];
    }

    private static String sshKeygenFind(Path knownHosts, String host) throws Exception {
        return run("ssh-keygen", "-F", host, "-f", knownHosts.toString());
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
