package io.labbench.locallab.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A class-data-sharing archive of the lab daemon's classes, made on this machine by the JDK itself (no
 * download): the first daemon writes it when it exits ({@code -XX:ArchiveClassesAtExit}), later daemons
 * map it ({@code -XX:SharedArchiveFile}) instead of loading and verifying the same few thousand classes
 * again, which is most of a cold daemon's start. Named after the JDK and class path, and made again
 * when a class path entry is newer (a rebuild); {@code -Xshare:auto} makes the JVM ignore an archive it
 * cannot use instead of failing, and the archive's log lines are switched off.
 */
final class DaemonClassArchive {

    private final Path file;
    private final String classPath;
    private final Path baseArchive;

    DaemonClassArchive(Path stateRoot, String javaHome, String classPath) {
        this.classPath = classPath;
        // A dynamic archive sits on the runtime's base CDS archive; a jlink runtime (the installed app)
        // has none, and the JVM then refuses to start with -XX:ArchiveClassesAtExit.
        this.baseArchive = Path.of(javaHome, "lib", "server", "classes.jsa");
        this.file = stateRoot.resolve("daemon-cds-" + hash(javaHome + "\n" + classPath) + ".jsa");
    }

    /** The JVM options to put before {@code -cp}. */
    List<String> jvmOptions() {
        if (!Files.isRegularFile(baseArchive)) {
            return List.of();
        }
        if (usable()) {
            return List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + file, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        }
        try {
            Files.createDirectories(file.getParent());
            // one archive is enough: those of earlier class paths (older builds) go
            try (var old = Files.newDirectoryStream(file.getParent(), "daemon-cds-*.jsa")) {
                for (Path p : old) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return List.of("-XX:ArchiveClassesAtExit=" + file, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    Path file() {
        return file;
    }

    private boolean usable() {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                return false;
            }
            FileTime made = Files.getLastModifiedTime(file);
            for (String entry : classPath.split(java.io.File.pathSeparator)) {
                Path p = Path.of(entry);
                if (!entry.isEmpty() && Files.isRegularFile(p) && (newer(p, made)
                        || manifestClassPath(p).stream().anyMatch(listed -> newer(listed, made)))) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean newer(Path p, FileTime than) {
        try {
            return Files.isRegularFile(p) && Files.getLastModifiedTime(p).compareTo(than) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The jars a jar's manifest puts on the class path ({@code java -jar labbench-app.jar}: all of lib/). The JVM
     * checks their times against the archive too and silently maps nothing when one was rebuilt: a module's
     * change rebuilds its jar in lib/ but not always the app's jar, and every later daemon then ran with no
     * class sharing at all ({@code -Xlog:cds}: "Unable to use shared archive. The top archive failed to load"; a
     * daemon's JFR profile then shows mostly class loading from the jars).
     */
    private static List<Path> manifestClassPath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest manifest = file.getManifest();
            String listed = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (listed == null || listed.isBlank()) {
                return List.of();
            }
            Path dir = jar.toAbsolutePath().getParent();
            return java.util.Arrays.stream(listed.trim().split("\\s+")).map(entry -> dir.resolve(entry)).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
