package io.labbench.storage;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Creates the folders LabBench keeps per-user files in, each one it creates readable only by the user
 * (0700). Folders that already exist are left as they are: they may be the user's own ({@code ~/.ssh},
 * a chosen export folder) and their mode is the user's choice.
 */
public final class PrivateFolders {

    static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    static final Set<PosixFilePermission> FOLDER_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private PrivateFolders() {
    }

    /** Creates {@code folder} and any missing parents with mode 0700; returns the folder. */
    public static Path create(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath();
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = absolute; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            Path next = missing.pop();
            try {
                if (POSIX) {
                    Files.createDirectory(next, PosixFilePermissions.asFileAttribute(FOLDER_MODE));
                    // The umask may have taken bits away, never added any; set exactly 0700 all the same.
                    Files.setPosixFilePermissions(next, FOLDER_MODE);
                } else {
                    Files.createDirectory(next);
                }
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (!Files.isDirectory(next)) {
                    throw new IOException(next + " exists and is not a folder; move it away so LabBench can create the folder", e);
                }
                // Another process created it meanwhile: fine.
            }
        }
        return absolute;
    }

    /** The attribute that makes a new file 0600, or none where the file system has no POSIX modes. */
    static FileAttribute<?>[] privateFileAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)} : new FileAttribute<?>[0];
    }
}
