package io.labbench.sessions.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.sessions.RemoteFileException;
import io.labbench.sessions.RemoteFiles;
import io.labbench.sessions.SessionHub;
import io.labbench.sessions.SshFixture;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files read over SFTP on the endpoint's shared connection, against a real SSH server with the SFTP
 * subsystem: the bytes as on disk, no command run, one TCP connection with the commands, and each
 * failure named so the learner knows what to do.
 */
class SftpFilesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String KUBECONFIG = "apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user: {token: sftp-test-token-0123}\n";

    @TempDir
    Path dir;

    private TestSshServer server;
    private SessionHub hub;

    private RemoteFiles files(TestSshServer on) throws Exception {
        server = on;
        TestKeys.KeyFiles key = SshFixture.authorize(dir, server, TestKeys.Type.ECDSA);
        SshFixture.trust(dir, server);
        hub = SessionHub.builder(SshFixture.workspace(SshFixture.endpoint("kops-ec2", server, key.privateKey())))
                .sshSettings(SshFixture.settings(dir)).build();
        return hub.files("kops-ec2").orElseThrow();
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Path home() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home/ubuntu"));
        Files.createDirectories(home.resolve(".kube"));
        return home;
    }

    @Test
    void readsTheFileAsOnDiskOverTheSharedConnectionWithoutRunningACommand() throws Exception {
        Path home = home();
        Files.writeString(home.resolve(".kube/config"), KUBECONFIG, StandardCharsets.UTF_8);
        RemoteFiles files = files(TestSshServer.startWithSftp(home));

        assertThat(new String(files.read("~/.kube/config", 1 << 20, TIMEOUT), StandardCharsets.UTF_8)).isEqualTo(KUBECONFIG);
        assertThat(new String(files.read(".kube/config", 1 << 20, TIMEOUT), StandardCharsets.UTF_8)).isEqualTo(KUBECONFIG);
        assertThat(server.execCommands()).as("no `cat`: nothing passes through a shell").isEmpty();

        hub.runner("kops-ec2").orElseThrow().run("true", TIMEOUT);
        assertThat(server.connectionsAccepted()).as("files and commands share one connection").isEqualTo(1);
    }

    @Test
    void aMissingFileATooLargeOneAndAServerWithoutSftpAreToldApart() throws Exception {
        Path home = home();
        Files.write(home.resolve("big"), new byte[4096]);
        RemoteFiles files = files(TestSshServer.startWithSftp(home));
        assertThatThrownBy(() -> files.read("~/.kube/config", 1 << 20, TIMEOUT)).isInstanceOfSatisfying(RemoteFileException.class, e -> {
            assertThat(e.reason()).isEqualTo(RemoteFileException.Reason.NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo("There is no ~/.kube/config on kops-ec2");
        });
        assertThatThrownBy(() -> files.read("big", 1024, TIMEOUT)).isInstanceOfSatisfying(RemoteFileException.class, e ->
                assertThat(e.reason()).isEqualTo(RemoteFileException.Reason.TOO_LARGE));
    }

    @Test
    void aServerWithoutSftpSaysSo() throws Exception {
        RemoteFiles files = files(TestSshServer.start(java.util.List.of("bash", "--norc", "--noprofile", "-i"), home()));
        assertThatThrownBy(() -> files.read("~/.kube/config", 1 << 20, TIMEOUT)).isInstanceOfSatisfying(RemoteFileException.class, e -> {
            assertThat(e.reason()).isEqualTo(RemoteFileException.Reason.NO_SFTP);
            assertThat(e.getMessage()).contains("offers no SFTP");
        });
    }
}
