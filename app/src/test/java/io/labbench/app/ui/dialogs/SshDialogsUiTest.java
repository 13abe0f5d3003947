package io.labbench.app.ui.dialogs;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.app.ui.ShownNodes;
import io.labbench.sessions.CommandResult;
import io.labbench.sessions.Endpoint;
import io.labbench.sessions.SessionHub;
import io.labbench.sessions.SshEndpoint;
import io.labbench.sessions.ssh.SshSettings;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import io.labbench.cluster.Backend;
import io.labbench.sessions.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The SSH dialogs as a learner meets them: a real MINA SSH server, a real {@link SessionHub} whose
 * handshake (on a background thread) asks the JavaFX dialogs, and clicks on their buttons.
 */
@ExtendWith(ApplicationExtension.class)
class SshDialogsUiTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Stage owner;
    private TestSshServer server;
    private SessionHub hub;

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.setScene(new Scene(new Label("LabBench"), 400, 300));
        stage.show();
    }

    @BeforeEach
    void startServer() throws IOException {
        server = TestSshServer.start();
    }

    @AfterEach
    void stop() {
        // An alert left open must not answer the next test's lookups.
        new FxRobot().interact(() -> List.copyOf(Window.getWindows()).stream().filter(w -> w != owner).forEach(Window::hide));
        if (hub != null) {
            hub.close();
        }
        server.close();
    }

    private SessionHub hub(Path key) {
        Endpoint endpoint = SshEndpoint.direct("kops-ec2", server.host(), server.port(), "ubuntu", List.of(key));
        return SessionHub.builder(new Workspace("lbt-dialogs", Backend.AWS, List.of(endpoint), Map.of()))
                .sshSettings(SshSettings.isolated(dir.resolve("known_hosts")))
                .hostKeyVerifier(new FxHostKeyVerifier(() -> owner))
                .passphrasePrompt(new FxPassphrasePrompt(() -> owner))
                .build();
    }

    private CompletableFuture<CommandResult> runInBackground(String command) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return hub.runner("kops-ec2").orElseThrow().run(command, TIMEOUT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void unknownHostShowsTheServersFingerprintAndAcceptAndRememberTrustsItForNextTime(FxRobot robot) throws Exception {
        TestKeys.KeyFiles key = TestKeys.generate(dir.resolve("keys"), TestKeys.Type.ED25519);
        server.authorize(key.publicKey());
        hub = hub(key.privateKey());

        CompletableFuture<CommandResult> run = runInBackground("echo trusted");
        ShownNodes.await(robot, "#host-key-fingerprint");

        String shown = robot.lookup("#host-key-fingerprint").queryAs(TextField.class).getText();
        assertThat(shown).isEqualTo(sshKeygenFingerprint(server.knownHostsLine()));
        assertThat(robot.lookup(".dialog-pane").queryAs(DialogPane.class).getHeaderText())
                .isEqualTo("LabBench has not seen the host of kops-ec2 before");
        robot.clickOn("Accept and remember");

        assertThat(run.get(30, TimeUnit.SECONDS).stdout()).isEqualTo("trusted\n");
        assertThat(Files.readString(dir.resolve("known_hosts"))).contains("[127.0.0.1]:" + server.port() + " ");
    }

    @Test
    void aKnownHostOfferingAKeyOfANewTypeIsAskedAboutWithAWarning(FxRobot robot) throws Exception {
        TestKeys.KeyFiles key = TestKeys.generate(dir.resolve("keys"), TestKeys.Type.ED25519);
        server.authorize(key.publicKey());
        // known_hosts knows the host by an Ed25519 key; the server now offers its ECDSA key.
        Path other = dir.resolve("other_host_key");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString()).start();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String[] otherKey = Files.readString(Path.of(other + ".pub")).split(" ");
        Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + server.port() + " " + otherKey[0] + " " + otherKey[1] + "\n");
        hub = hub(key.privateKey());

        CompletableFuture<CommandResult> run = runInBackground("echo never");
        ShownNodes.await(robot, "#host-key-warning");

        assertThat(robot.lookup(".dialog-pane").queryAs(DialogPane.class).getHeaderText())
                .isEqualTo("The host of kops-ec2 offers a key of a new type");
        assertThat(robot.lookup("#host-key-warning").queryAs(Label.class).getText())
                .contains("already known by other keys").contains("ssh-ed25519").contains("line 1");
        snapshot(robot, robot.lookup(".dialog-pane").queryAs(DialogPane.class), "host-key-new-type.png");
        robot.clickOn("Cancel");
        assertThat(run).failsWithin(30, TimeUnit.SECONDS).withThrowableThat().withMessageContaining("not trusted");
    }

    /** The dialog as the learner sees it, in target/ for a look (not compared with anything). */
    private static void snapshot(FxRobot robot, javafx.scene.Node node, String name) throws IOException {
        CompletableFuture<javafx.scene.image.WritableImage> taken = new CompletableFuture<>();
        robot.interact(() -> taken.complete(node.snapshot(null, null)));
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(taken.join(), null), "png",
                Path.of("target", name).toFile());
    }

    @Test
    void cancelOnTheHostKeyDialogRefusesTheConnectionAndTrustsNothing(FxRobot robot) throws Exception {
        TestKeys.KeyFiles key = TestKeys.generate(dir.resolve("keys"), TestKeys.Type.ED25519);
        server.authorize(key.publicKey());
        hub = hub(key.privateKey());

        CompletableFuture<CommandResult> run = runInBackground("echo never");
        ShownNodes.await(robot, "#host-key-fingerprint");
        robot.clickOn("Cancel");

        assertThat(run).failsWithin(30, TimeUnit.SECONDS).withThrowableThat().withMessageContaining("not trusted");
        assertThat(server.execCount()).isZero();
        assertThat(dir.resolve("known_hosts")).doesNotExist();
    }

    @Test
    void encryptedKeyAsksForThePassphraseOnceAndNeverKeepsIt(FxRobot robot) throws Exception {
        String passphrase = "lbt-dialog-passphrase";
        TestKeys.KeyFiles key = TestKeys.generate(dir.resolve("keys"), TestKeys.Type.ECDSA, passphrase);
        server.authorize(key.publicKey());
        Files.writeString(dir.resolve("known_hosts"), server.knownHostsLine() + "\n", StandardCharsets.UTF_8);
        hub = hub(key.privateKey());

        CompletableFuture<CommandResult> run = runInBackground("echo unlocked");
        ShownNodes.await(robot, "#passphrase-field");
        assertThat(robot.lookup(".dialog-pane").queryAs(DialogPane.class).getHeaderText())
                .isEqualTo("Passphrase for " + key.privateKey());
        PasswordField field = robot.lookup("#passphrase-field").queryAs(PasswordField.class);
        robot.clickOn(field).write(passphrase);
        robot.clickOn("OK");

        assertThat(run.get(30, TimeUnit.SECONDS).stdout()).isEqualTo("unlocked\n");
        assertThat(field.getText()).as("the dialog's field after it closed").isEmpty();
        // A second channel on the same endpoint does not ask again.
        assertThat(runInBackground("echo again").get(30, TimeUnit.SECONDS).stdout()).isEqualTo("again\n");
        assertThat(robot.lookup("#passphrase-field").tryQuery()).isEmpty();
        assertThat(filesContaining(passphrase)).as("files holding the passphrase").isEmpty();
    }

    @Test
    void changedHostKeyIsRefusedWithAnAlertNamingTheKnownHostsLineToFix(FxRobot robot) throws Exception {
        TestKeys.KeyFiles key = TestKeys.generate(dir.resolve("keys"), TestKeys.Type.ED25519);
        server.authorize(key.publicKey());
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "# lab hosts\n" + server.knownHostsLine() + "\n", StandardCharsets.UTF_8);
        server.setHostKey(TestSshServer.generateHostKey());
        hub = hub(key.privateKey());

        CompletableFuture<CommandResult> run = runInBackground("true");
        assertThat(run).failsWithin(30, TimeUnit.SECONDS);
        ShownNodes.await(robot, ".dialog-pane");

        DialogPane alert = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(alert.getHeaderText()).isEqualTo("Refused to connect to kops-ec2");
        assertThat(alert.getContentText()).contains("line 2 of " + knownHosts);
        assertThat(robot.lookup("#host-key-fingerprint").tryQuery()).as("a changed key is never offered").isEmpty();
        assertThat(server.execCount()).isZero();
    }

    private List<Path> filesContaining(String text) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                try {
                    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }

    private String sshKeygenFingerprint(String knownHostsLine) throws Exception {
        Path file = Files.createTempFile(dir, "host", ".pub");
        Files.writeString(file, knownHostsLine.substring(knownHostsLine.indexOf(' ') + 1) + "\n");
        Process process = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.split("\\s+")[1];
    }
}
