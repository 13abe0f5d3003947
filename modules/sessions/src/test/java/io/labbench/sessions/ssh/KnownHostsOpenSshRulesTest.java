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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * known_hosts read as OpenSSH reads it, against a real MINA SSHD server and files written the way
 * OpenSSH and its users write them: revoked keys, wildcard and negated patterns, keys of another type,
 * lines cut by a crash, and what "accept and remember" leaves on disk.
 */
class KnownHostsOpenSshRulesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private TestSshServer server;
    private TestKeys.KeyFiles key;
    private Path knownHosts;

    @BeforeEach
    void start() throws IOException {
        server = TestSshServer.start();
        key = SshFixture.authorize(dir, server, TestKeys.Type.ECDSA);
        knownHosts = dir.resolve("known_hosts");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SessionHub hub(HostKeyVerifier verifier) {
        return SessionHub.builder(SshFixture.workspace(SshFixture.endpoint("kops-ec2", server, key.privateKey())))
                .sshSettings(SshFixture.settings(dir)).hostKeyVerifier(verifier).build();
    }

    /** The server's key as the part of a known_hosts line after the host names. */
    private String serverKey() {
        String line = server.knownHostsLine();
        return line.substring(line.indexOf(' ') + 1);
    }

    private String hostEntry() {
        return "[127.0.0.1]:" + server.port();
    }

    private String connect(SshFixture.RecordingVerifier verifier) throws Exception {
        try (SessionHub hub = hub(verifier)) {
            return hub.runner("kops-ec2").orElseThrow().run("echo in", TIMEOUT).stdout();
        }
    }

    private String refusal(SshFixture.RecordingVerifier verifier) {
        try (SessionHub hub = hub(verifier)) {
            assertThatThrownBy(() -> hub.runner("kops-ec2").orElseThrow().run("true", TIMEOUT)).isInstanceOf(CommandException.class);
            return SshFixture.await(() -> hub.status("kops-ec2"), s -> s.state() == ConnectionState.FAILED, TIMEOUT, "FAILED").detail();
        }
    }

    @Test
    void aRevokedKeyIsRefusedWithoutAskingEvenWhenAnotherLineTrustsIt() throws Exception {
        Files.writeString(knownHosts, server.knownHostsLine() + "\n@revoked * " + serverKey() + "\n");
        var verifier = new SshFixture.RecordingVerifier(HostKeyDecision.ACCEPT_ALWAYS);

        String detail = refusal(verifier);

        assertThat(detail).contains("REVOKED").contains("line 2 of " + knownHosts);
        assertThat(verifier.asked).as("a revoked key is never offered for acceptance").isEmpty();
        assertThat(server.execCount()).isZero();
        assertThat(Files.readAllLines(knownHosts)).hasSize(2);
    }

    @Test
    void aRevocationForOtherHostsDoesNotApply() throws Exception {
        Files.writeString(knownHosts, server.knownHostsLine() + "\n@revoked build.example.org " + serverKey() + "\n");

        assertThat(connect(new SshFixture.RecordingVerifier(HostKeyDecision.CANCEL))).isEqualTo("in\n");
    }

    @Test
    void wildcardPatternsVouchForTheHostAndNegationsExcludeIt() throws Exception {
        Files.writeString(knownHosts, "[127.0.0.*]:" + server.port() + " " + serverKey() + "\n");
        var wildcard = new SshFixture.RecordingVerifier(HostKeyDecision.CANCEL);
        assertThat(connect(wildcard)).isEqualTo("in\n");
        assertThat(wildcard.asked).isEmpty();

        Files.writeString(knownHosts, "[127.0.0.*]:" + server.port() + ",!" + hostEntry() + " " + serverKey() + "\n");
        var negated = new SshFixture.RecordingVerifier(HostKeyDecision.CANCEL);
        assertThat(refusal(negated)).contains("not trusted");
        assertThat(negated.asked).hasSize(1);
    }

    @Test
    void aKnownHostOfferingAKeyOfAnotherTypeIsAskedAboutWithAWarningListingTheKnownKeys() throws Exception {
        String ed25519 = sshKeygenPublicKey("ed25519");
        Files.writeString(knownHosts, "# rebuilt hosts\n" + hostEntry() + " " + ed25519 + "\n");
        var verifier = new SshFixture.RecordingVerifier(HostKeyDecision.CANCEL);

        refusal(verifier);

        assertThat(verifier.asked).singleElement().satisfies(asked -> {
            assertThat(asked.keyType()).isEqualTo("ecdsa-sha2-nistp256");
            assertThat(asked.otherKeysKnown()).singleElement().satisfies(known -> {
                assertThat(known.keyType()).isEqualTo("ssh-ed25519");
                assertThat(known.line()).isEqualTo(2);
                assertThat(known.sha256Fingerprint()).isEqualTo(sshKeygenFingerprint(ed25519));
            });
            assertThat(asked.warning()).hasValueSatisfying(w -> assertThat(w).contains("already known by other keys")
                    .contains("ssh-ed25519").contains("line 2"));
        });
    }

    @Test
    void aNewHostIsAskedAboutWithoutAWarning() throws Exception {
        var verifier = new SshFixture.RecordingVerifier(HostKeyDecision.CANCEL);
        refusal(verifier);
        assertThat(verifier.asked).singleElement().satisfies(asked -> assertThat(asked.warning()).isEmpty());
    }

    @Test
    void aLineCutByACrashIsSkippedAsOpenSshDoesNotTakenForAChangedKey() throws Exception {
        String whole = server.knownHostsLine();
        Files.writeString(knownHosts, whole.substring(0, whole.length() - 24) + "\n");
        var verifier = new SshFixture.RecordingVerifier(HostKeyDecision.ACCEPT_ALWAYS);

        assertThat(connect(verifier)).isEqualTo("in\n");

        assertThat(verifier.asked).hasSize(1);
        assertThat(verifier.refused).isEmpty();
        assertThat(sshKeygenFind(hostEntry())).contains(serverKey().split(" ")[1]);
    }

    @Test
    void acceptAndRememberRewritesTheFileWholePrivateAndKeepsEveryOtherLine() throws Exception {
        String ed25519 = sshKeygenPublicKey("ed25519");
        // A user's file: world-readable, comments, a hashed line, no newline at the end.
        Files.writeString(knownHosts, "# mine\n|1|c2FsdHNhbHRzYWx0c2FsdHNhbHQ=|aGFzaGhhc2hoYXNoaGFzaGhhc2g= " + ed25519
                + "\nbuild.example.org " + ed25519, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(knownHosts, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> before = Files.readAllLines(knownHosts);

        assertThat(connect(new SshFixture.RecordingVerifier(HostKeyDecision.ACCEPT_ALWAYS))).isEqualTo("in\n");

        List<String> after = Files.readAllLines(knownHosts);
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertThat(after).hasSize(before.size() + 1).last().isEqualTo(server.knownHostsLine());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(knownHosts))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
        assertThat(sshKeygenFind(hostEntry())).contains("ecdsa-sha2-nistp256");
    }

    @Test
    void hostsAcceptedAtTheSameMomentKeepTheirLinesBoth() throws Exception {
        // Each connection reads the file through its own KnownHostsFile, as two windows (or two panes'
        // first connects) do; without the lock the second rename dropped the first one's line.
        String key = sshKeygenPublicKey("ed25519");
        byte[] keyBlob = java.util.Base64.getDecoder().decode(key.split(" ")[1]);
        int writers = 6;
        int hostsEach = 15;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Thread> threads = new java.util.ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    for (int h = 0; h < hostsEach; h++) {
                        new KnownHostsFile(knownHosts).append("[10.0." + writer + "." + h + "]:2222", keyBlob);
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertThat(failures).isEmpty();
        KnownHostsFile file = new KnownHostsFile(knownHosts);
        for (int w = 0; w < writers; w++) {
            for (int h = 0; h < hostsEach; h++) {
                assertThat(file.lookup("[10.0." + w + "." + h + "]:2222", keyBlob)).as("host 10.0.%d.%d", w, h)
                        .isInstanceOf(KnownHostsFile.Lookup.Known.class);
            }
        }
        assertThat(Files.readAllLines(knownHosts)).hasSize(writers * hostsEach);
        assertThat(sshKeygenFind("[10.0.3.7]:2222")).contains("ssh-ed25519");
    }

    private String sshKeygenPublicKey(String type) throws Exception {
        Path file = dir.resolve("other_" + type);
        run("ssh-keygen", "-q", "-t", type, "-N", "", "-f", file.toString());
        String[] fields = Files.readString(dir.resolve("other_" + type + ".pub")).strip().split(" ");
        return fields[0] + " " + fields[1];
    }

    private String sshKeygenFingerprint(String keyTypeAndBase64) throws Exception {
        Path file = Files.createTempFile(dir, "host", ".pub");
        Files.writeString(file, keyTypeAndBase64 + "\n");
        return run("ssh-keygen", "-l", "-E", "sha256", "-f", file.toString()).split("\\s+")[1];
    }

    private String sshKeygenFind(String host) throws Exception {
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
