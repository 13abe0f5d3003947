package io.labbench.locallab.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonClassArchiveTest {

    @TempDir
    Path dir;

    @Test
    void theFirstDaemonWritesTheArchiveLaterOnesMapItAndARebuildMakesItAgain() throws Exception {
        Path jar = Files.writeString(dir.resolve("app.jar"), "x");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        Path state = dir.resolve("state");
        Path jdk = dir.resolve("jdk");
        Files.createDirectories(jdk.resolve("lib/server"));
        Files.writeString(jdk.resolve("lib/server/classes.jsa"), "base archive");
        DaemonClassArchive archive = new DaemonClassArchive(state, jdk.toString(), jar.toString());

        assertThat(archive.jvmOptions()).contains("-XX:ArchiveClassesAtExit=" + archive.file());

        Files.writeString(archive.file(), "archive the JVM wrote at exit");
        assertThat(archive.jvmOptions()).contains("-Xshare:auto", "-XX:SharedArchiveFile=" + archive.file());

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(archive.jvmOptions()).contains("-XX:ArchiveClassesAtExit=" + archive.file());
        assertThat(archive.file()).as("the stale archive is removed before a new one is made").doesNotExist();
    }

    @Test
    void aRebuiltJarThatTheAppJarsManifestListsMakesTheArchiveAgain() throws Exception {
        // java -jar labbench-app.jar: the class path is that one jar, its manifest lists lib/*.jar
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path module = Files.writeString(lib.resolve("locallab.jar"), "x");
        Path jar = dir.resolve("app.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/other.jar lib/locallab.jar");
        new JarOutputStream(Files.newOutputStream(jar), manifest).close();
        for (Path p : new Path[] {jar, module}) {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(60)));
        }
        Path jdk = dir.resolve("jdk");
        Files.createDirectories(jdk.resolve("lib/server"));
        Files.writeString(jdk.resolve("lib/server/classes.jsa"), "base archive");
        DaemonClassArchive archive = new DaemonClassArchive(dir.resolve("state"), jdk.toString(), jar.toString());
        archive.jvmOptions();
        Files.writeString(archive.file(), "archive the JVM wrote at exit");
        assertThat(archive.jvmOptions()).contains("-XX:SharedArchiveFile=" + archive.file());

        Files.setLastModifiedTime(module, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(archive.jvmOptions()).contains("-XX:ArchiveClassesAtExit=" + archive.file());
    }

    @Test
    void aRuntimeWithoutABaseArchiveGetsNoClassSharingOptions() throws Exception {
        // jlink runtimes (the installed app) have no lib/server/classes.jsa; the JVM would refuse to start.
        Path jar = Files.writeString(dir.resolve("app.jar"), "x");
        assertThat(new DaemonClassArchive(dir.resolve("state"), dir.resolve("jlinked").toString(), jar.toString()).jvmOptions())
                .isEmpty();
    }

    @Test
    void anotherClassPathOrJdkGetsAnotherArchive() {
        Path state = dir.resolve("state");
        assertThat(new DaemonClassArchive(state, "/jdk", "a.jar").file())
                .isNotEqualTo(new DaemonClassArchive(state, "/jdk", "b.jar").file())
                .isNotEqualTo(new DaemonClassArchive(state, "/other-jdk", "a.jar").file());
    }
}
