package io.labbench.locallab.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's id_rsa made by ssh-keygen: a key OpenSSH reads back to the public key the SSH servers accept. */
class ClientKeyGenerationTest {

    @TempDir
    Path dir;

    @Test
    void sshKeygenMakesAnRsaKeyWhosePublicHalfTheServersAccept() throws Exception {
        assumeTrue(LabSsh.findOnPath("ssh-keygen").isPresent(), "ssh-keygen (openssh-client) is not installed");
        Path scratch = dir.resolve("keygen");
        // a key left by a crashed up: ssh-keygen would ask before overwriting it
        Files.createDirectories(scratch);
        Files.writeString(scratch.resolve("id_rsa"), "stale");

        ClientKey key = ClientKeyGeneration.begin(scratch).await();

        assertThat(key.publicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(new String(key.openSshPrivateKey(), StandardCharsets.US_ASCII)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        assertThat(scratch).doesNotExist();
        // what OpenSSH derives from the private key file is the public key the lab's servers compare with
        LabKeys keys = LabKeys.generate(java.util.List.of("worker1"), key);
        Path privateKey = keys.writeClientKey(dir.resolve("ssh"));
        Process derive = new ProcessBuilder("ssh-keygen", "-y", "-f", privateKey.toString()).start();
        String derived = new String(derive.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(derive.waitFor()).isZero();
        assertThat(derived).startsWith(LabKeys.publicKeyLine(keys.clientPublicKey()));
        assertThat(Files.readString(dir.resolve("ssh/id_rsa.pub"))).startsWith(LabKeys.publicKeyLine(keys.clientPublicKey()))
                .contains("labbench-local-lab");
    }
}
