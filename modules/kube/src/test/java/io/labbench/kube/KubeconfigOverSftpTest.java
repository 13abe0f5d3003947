package io.labbench.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.labbench.kube.testing.RestartableApiServer;
import io.labbench.sessions.SessionHub;
import io.labbench.sessions.SshFixture;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kops-ec2's kubeconfig fetched the way the app does: SFTP on the endpoint's shared SSH connection (a
 * real SSH server with the SFTP subsystem), then used against an API server. Its token shows up in no
 * log line, no message and no toString.
 */
class KubeconfigOverSftpTest {

    private static final String TOKEN = "kubeconfig-token-must-not-leak-7f3a";

    @TempDir
    Path dir;

    private Path home;
    private TestSshServer ssh;
    private SessionHub hub;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private StreamHandler capture;

    @BeforeEach
    void start() throws IOException {
        home = Files.createDirectories(dir.resolve("home/ubuntu/.kube")).getParent();
        ssh = TestSshServer.startWithSftp(home);
        TestKeys.KeyFiles key = SshFixture.authorize(dir, ssh, TestKeys.Type.ECDSA);
        SshFixture.trust(dir, ssh);
        hub = SessionHub.builder(SshFixture.workspace(SshFixture.endpoint("kops-ec2", ssh, key.privateKey())))
                .sshSettings(SshFixture.settings(dir)).build();
        capture = new StreamHandler(logged, new SimpleFormatter());
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
        hub.close();
        ssh.close();
    }

    private static String kubeconfig(int apiPort) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - cluster: {server: "http://127.0.0.1:%d"}
                  name: pkos.learn-dc.link
                contexts:
                - context: {cluster: pkos.learn-dc.link, user: pkos.learn-dc.link}
                  name: pkos.learn-dc.link
                current-context: pkos.learn-dc.link
                users:
                - name: pkos.learn-dc.link
                  user: {token: %s}
                """.formatted(apiPort, TOKEN);
    }

    @Test
    void fetchedOverSftpItNamesItsContextAndConnectsWithoutRunningACommand() throws Exception {
        try (RestartableApiServer api = RestartableApiServer.start(); KubernetesClient seed = api.client()) {
            seed.nodes().resource(new NodeBuilder().withNewMetadata().withName("i-0a1b2c3d4e5f").endMetadata().build()).create();
            Files.writeString(home.resolve(".kube/config"), kubeconfig(api.port()));

            KubeconfigSource source = KubeconfigSource.fromEndpoint(hub.files("kops-ec2").orElseThrow());
            assertThat(source.origin()).isEqualTo("~/.kube/config on kops-ec2 (SFTP)");
            assertThat(source.currentContext()).isEqualTo("pkos.learn-dc.link");
            try (KubernetesClient client = source.connect()) {
                assertThat(client.nodes().withName("i-0a1b2c3d4e5f").get()).isNotNull();
            }
            assertThat(ssh.execCommands()).as("read over SFTP, not `cat` in a shell").isEmpty();
            assertThat(source.toString()).doesNotContain(TOKEN);
        }
        capture.flush();
        assertThat(logged.toString()).doesNotContain(TOKEN);
    }

    @Test
    void aMissingOrBrokenKubeconfigSaysWhatToDoAndQuotesNothing() throws Exception {
        assertThatThrownBy(() -> KubeconfigSource.fromEndpoint(hub.files("kops-ec2").orElseThrow()))
                .isInstanceOf(IOException.class)
                .hasMessage("There is no ~/.kube/config on kops-ec2. On kops-ec2, `kops export kubecfg --admin` writes it "
                        + "(the study does this after `kops create cluster`); then connect again.");

        Files.writeString(home.resolve(".kube/config"), "users:\n- name: admin\n  user: {token: " + TOKEN + "\n  : [broken\n");
        KubeconfigSource broken = KubeconfigSource.fromEndpoint(hub.files("kops-ec2").orElseThrow());
        assertThatThrownBy(broken::currentContext).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("~/.kube/config on kops-ec2 (SFTP) is not a valid kubeconfig")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
        capture.flush();
        assertThat(logged.toString()).doesNotContain(TOKEN);
    }
}
