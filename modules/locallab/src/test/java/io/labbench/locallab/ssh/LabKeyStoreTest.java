package io.labbench.locallab.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's keys kept between ups: the same keys come back, and a damaged store means fresh keys, not a failed up. */
class LabKeyStoreTest {

    private static final List<String> MACHINES = List.of("kops-ec2", "control-plane", "worker1", "worker2");

    @TempDir
    Path dir;

    @Test
    void keysStoredAtOneUpAreTheKeysTheNextUpReads() throws Exception {
        LabKeyStore store = new LabKeyStore(dir.resolve("lbt-keys"));
        assertThat(store.load(MACHINES)).isEmpty();
        LabKeys made = LabKeys.generate(MACHINES);

        store.save(made, MACHINES);
        LabKeys read = store.load(MACHINES).orElseThrow();

        assertThat(read.clientPublicKey()).isEqualTo(made.clientPublicKey());
        for (String machine : MACHINES) {
            assertThat(read.hostKey(machine).getPublic()).isEqualTo(made.hostKey(machine).getPublic());
            assertThat(read.hostKey(machine).getPrivate()).isEqualTo(made.hostKey(machine).getPrivate());
        }
        // the id_rsa the learner's ssh reads is the one stored, and only its owner can read the folder and secrets
        Path ssh = read.writeClientKey(dir.resolve("ssh"));
        assertThat(Files.readAllBytes(ssh)).isEqualTo(Files.readAllBytes(store.dir().resolve("id_rsa")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.dir()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.dir().resolve("id_rsa")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.dir().resolve("host-worker1.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aMachineWithoutAStoredKeyOrADamagedFileMeansNoStoredKeys() throws Exception {
        LabKeyStore store = new LabKeyStore(dir.resolve("lbt-keys"));
        store.save(LabKeys.generate(MACHINES), MACHINES);

        assertThat(store.load(List.of("kops-ec2", "worker3"))).isEmpty();

        Files.writeString(store.dir().resolve("host-worker1.key"), "not base64\n");
        assertThat(store.load(MACHINES)).isEmpty();
    }
}
