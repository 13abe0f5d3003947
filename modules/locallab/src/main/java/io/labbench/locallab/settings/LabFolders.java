package io.labbench.locallab.settings;

import io.labbench.storage.PrivateFolders;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The local lab's folders: the state folder and the lab's own hold its SSH keys, API token, kubeconfig
 * and AWS key, so they are the user's alone (0700), like {@code ~/.ssh}. Folders left 0755 by earlier
 * versions are closed on the next start. Only these two: what lies inside keeps its own mode (hosts
 * and rc files 0644, scripts 0755), as the lab's programs read them.
 */
public final class LabFolders {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private LabFolders() {
    }

    /** Creates the state folder and the lab's folder where missing, and makes both 0700. Returns the lab's folder. */
    public static Path createPrivate(LabSettings settings) throws IOException {
        createStateRoot(settings);
        return closed(PrivateFolders.create(settings.labDir()));
    }

    /** The state folder alone (where the daemon's log and the kubeconfig go before the lab's folder exists), 0700. */
    public static Path createStateRoot(LabSettings settings) throws IOException {
        return closed(PrivateFolders.create(settings.stateRoot()));
    }

    private static Path closed(Path folder) throws IOException {
        if (POSIX && !PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)).equals("rwx------")) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
        return folder;
    }
}
