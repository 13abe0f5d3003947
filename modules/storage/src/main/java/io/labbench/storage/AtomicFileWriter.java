package io.labbench.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Replaces a file's whole content so that a crash at any moment leaves the old file or the new one:
 * the content goes to a unique temporary file beside the target ({@code .name.<random>.tmp}, so two
 * writers never share one), is forced to disk, renamed over the target and then the folder is forced,
 * so the rename itself survives a power cut. The file is created 0600 and missing folders 0700
 * ({@link PrivateFolders}). A failed write removes its temporary file and leaves the target untouched.
 *
 * <p>Leftover temporary files (from a process killed between create and rename) are hidden dot-files
 * that no reader opens; a later write of the same file removes those older than ten minutes.
 */
public final class AtomicFileWriter {

    static final Duration STALE_AFTER = Duration.ofMinutes(10);

    /** Writes content to a stream; the writer closes nothing, {@link AtomicFileWriter} does. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFileWriter() {
    }

    public static void writeString(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] content) throws IOException {
        write(file, out -> out.write(content));
    }

    public static void write(Path file, Content content) throws IOException {
        Path target = throughSymlinks(file.toAbsolutePath());
        Path folder = PrivateFolders.create(target.getParent());
        Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp", PrivateFolders.privateFileAttributes());
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Only on file systems without rename (never the same folder on Linux, macOS or NTFS).
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            forceFolder(folder);
            removeStaleLeftovers(target);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Where a symlinked file really lives ({@code ~/.ssh/known_hosts} kept in a dotfiles repository):
     * the new content replaces the link's target, and the link stays a link.
     */
    private static Path throughSymlinks(Path file) throws IOException {
        Path target = file;
        for (int hops = 0; Files.isSymbolicLink(target); hops++) {
            if (hops == 40) {
                throw new IOException(file + " is a loop of symbolic links");
            }
            target = target.resolveSibling(Files.readSymbolicLink(target)).normalize();
        }
        return target;
    }

    /**
     * Forces a folder's entries (a rename, a new file) to disk. Linux and macOS allow opening a folder
     * for this; Windows does not and commits renames with the file system's journal, so failure to
     * open is not an error.
     */
    public static void forceFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here (Windows); the rename is as durable as the platform makes it.
        }
    }

    /**
     * Deletes temporary files that writers killed between create and rename left beside the target more
     * than {@link #STALE_AFTER} ago; a younger one may belong to a writer still at work in another process.
     */
    static int removeStaleLeftovers(Path target) {
        String prefix = "." + target.getFileName() + ".";
        long staleBefore = System.currentTimeMillis() - STALE_AFTER.toMillis();
        int removed = 0;
        try (var entries = Files.newDirectoryStream(target.getParent(),
                entry -> entry.getFileName().toString().startsWith(prefix) && entry.getFileName().toString().endsWith(".tmp"))) {
            for (Path leftover : entries) {
                if (Files.getLastModifiedTime(leftover).toMillis() < staleBefore && Files.deleteIfExists(leftover)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            // Tidying is best effort: a leftover is a hidden file no reader opens.
        }
        return removed;
    }
}
