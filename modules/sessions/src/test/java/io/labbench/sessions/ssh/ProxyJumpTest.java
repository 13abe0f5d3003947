package io.labbench.sessions.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.sessions.SessionHub;
import io.labbench.sessions.SshEndpoint;
import io.labbench.sessions.SshFixture;
import io.labbench.sessions.TerminalSession;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import io.labbench.sessions.testing.TerminalProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kops-ec2 as a bastion in front of master: two real servers, the second reached only through the first. */
class ProxyJumpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private TestSshServer bastion;
    private TestSshServer target;
    private TestKeys.KeyFiles key;

    @BeforeEach
    void start() throws Exception {
        bastion = TestSshServer.start();
        target = TestSshServer.start();
        key = TestKeys.generate(dir.resolve("keys"), TestKeys.Type.ED25519);
        bastion.authorize(key.publicKey());
        target.authorize(key.publicKey());
        SshFixture.trust(dir, bastion);
        SshFixture.trust(dir, target);
    }

    @AfterEach
    void stop() {
        bastion.close();
        target.close();
    }

    @Test
    void reachesTheTargetThroughTheBastionsSharedConnection() throws Exception {
        SshEndpoint kopsEc2 = SshFixture.endpoint("kops-ec2", bastion, key.privateKey());
        SshEndpoint master = SshFixture.endpoint("master", target, key.privateKey()).withJump("kops-ec2");
        // plain exec channels: the test counts the exec requests each server sees, and a node runner is one more
        try (SessionHub hub = SessionHub.builder(SshFixture.workspace(kopsEc2, master)).sshSettings(SshFixture.settings(dir))
                .nodeRunner(false).build()) {
            assertThat(hub.runner("master").orElseThrow().run("echo on-master", TIMEOUT).stdout()).isEqualTo("on-master\n");
            assertThat(hub.runner("kops-ec2").orElseThrow().run("echo on-bastion", TIMEOUT).stdout()).isEqualTo("on-bastion\n");
            TerminalSession shell = hub.openTerminal("master", 80, 24);
            try (TerminalProbe probe = new TerminalProbe(shell)) {
                probe.type("echo shell-$((40+2))\r");
                probe.awaitContains(0, "shell-42", TIMEOUT);
            }
        }
        assertThat(target.execCommands()).containsExactly("echo on-master");
        assertThat(bastion.execCommands()).as("nothing runs on the bastion for the hop").containsExactly("echo on-bastion");
        assertThat(bastion.connectionsAccepted()).as("the bastion's one connection carries its own use and the hop").isEqualTo(1);
        assertThat(target.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void followsProxyJumpFromSshConfig() throws Exception {
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, String.join("\n",
                "Host lbt-bastion",
                "    HostName 127.0.0.1",
                "    Port " + bastion.port(),
                "    User root",
                "    IdentityFile " + key.privateKey(),
                "Host lbt-master",
                "    HostName 127.0.0.1",
                "    Port " + target.port(),
                "    User root",
                "    IdentityFile " + key.privateKey(),
                "    ProxyJump lbt-bastion",
                ""));
        SshEndpoint master = new SshEndpoint("master", "", 0, "", List.of(), Optional.empty(), Optional.of("lbt-master"));
        try (SessionHub hub = SessionHub.builder(SshFixture.workspace(master))
                .sshSettings(SshFixture.settings(dir).withSshConfig(config)).nodeRunner(false).build()) {
            assertThat(hub.runner("master").orElseThrow().run("hostname >/dev/null && echo jumped", TIMEOUT).stdout())
                    .isEqualTo("jumped\n");
        }
        assertThat(bastion.connectionsAccepted()).isEqualTo(1);
        assertThat(bastion.execCount()).isZero();
        assertThat(target.execCount()).isEqualTo(1);
    }
}
