package io.labbench.locallab;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.settings.LabFolders;
import io.labbench.locallab.settings.LabSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's folders hold its keys and tokens: the user's alone, also those an older LabBench left 0755. */
class LabFoldersTest {

    @TempDir
    Path home;

    @Test
    void newFoldersAre0700AndOldOpenOnesAreClosedWhileWhatIsInsideKeepsItsMode() throws Exception {
        LabSettings fresh = LabSettings.defaults(home.resolve("state/locallab"), "lbtnew");
        LabFolders.createPrivate(fresh);
        assertThat(mode(fresh.stateRoot())).isEqualTo("rwx------");
        assertThat(mode(fresh.labDir())).isEqualTo("rwx------");

        LabSettings old = LabSettings.defaults(home.resolve("old/locallab"), "lbtold");
        Files.createDirectories(old.labDir().resolve("etc"));
        Files.setPosixFilePermissions(old.stateRoot(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(old.labDir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(old.labDir().resolve("etc"), PosixFilePermissions.fromString("rwxr-xr-x"));
        LabFolders.createPrivate(old);
        assertThat(mode(old.stateRoot())).isEqualTo("rwx------");
        assertThat(mode(old.labDir())).isEqualTo("rwx------");
        assertThat(mode(old.labDir().resolve("etc"))).as("the lab's programs read what is inside").isEqualTo("rwxr-xr-x");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
