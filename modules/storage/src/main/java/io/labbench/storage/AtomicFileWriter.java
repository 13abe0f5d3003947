package io.labbench.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

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

    /** Computes a file's new content from its current one ({@code byte[0]} when there is no file yet). */
    @FunctionalInterface
    public interface Update {
        byte[] apply(byte[] current) throws IOException;
    }

    /** One lock per file in this JVM: the OS lock is per process, and the JDK refuses a second one in the same JVM. */
    private static final ConcurrentHashMap<Path, ReentrantLock> UPDATE_LOCKS = new ConcurrentHashMap<>();

    private AtomicFileWriter() {
    }

    /**
     * Reads, changes and atomically replaces a file while holding a lock that other threads and other
     * processes using this method respect, so two writers that each add a line (two known_hosts accepts,
     * one per window) keep both lines instead of the last rename winning. The lock is an OS file lock on
     * a hidden {@code .name.lock} beside the file, not on the file itself: the file is replaced by a
     * rename, so a lock on it would guard an inode the next writer no longer opens. The lock file stays
     * (empty, 0600); the OS drops the lock when a holder dies, even by {@code kill -9}.
     */
    public static void update(Path file, Update update) throws IOException {
        Path target = throughSymlinks(file.toAbsolutePath());
        Path folder = PrivateFolders.create(target.getParent());
        Path lockFile = folder.resolve("." + target.getFileName() + ".lock");
        ReentrantLock inJvm = UPDATE_LOCKS.computeIfAbsent(lockFile, p -> new ReentrantLock());
        inJvm.lock();
        try {
            if (!Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createFile(lockFile, PrivateFolders.privateFileAttributes());
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another process made it first: fine, it is only a lock
                }
            }
            try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                 FileLock held = lockChannel.lock()) {
                byte[] current = Files.isRegularFile(target) ? Files.readAllBytes(target) : new byte[0];
                write(target, update.apply(current));
            }
        } finally {
            inJvm.unlock();
        }
    }

    public static void writeString(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] content) throws IOException {
        write(file, out -> out.write(content));
    }

    public static void write(Path file, Content content) throws IOException {
        write(file, content, PrivateFolders.FILE_MODE);
    }

    /**
     * Like {@link #write(Path, Content)} but the file ends with {@code mode}, for the few files other
     * programs must read or run as well ({@code 0644} hosts files, {@code 0755} scripts of the local lab).
     * The temporary file is 0600 until the mode is set, just before the rename; nothing secret belongs here.
     */
    public static void write(Path file, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        write(file, out -> out.write(content), mode);
    }

    private static void write(Path file, Content content, Set<PosixFilePermission> mode) throws IOException {
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
            if (PrivateFolders.POSIX && !mode.equals(PrivateFolders.FILE_MODE)) {
                Files.setPosixFilePermissions(temp, mode);
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
