package io.labbench.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheWholeContentAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("settings.json");
        AtomicFileWriter.writeString(file, "{\"theme\":\"dark\",\"long\":\"" + "x".repeat(100_000) + "\"}");
        AtomicFileWriter.writeString(file, "{\"theme\":\"light\"}");

        assertThat(Files.readString(file)).isEqualTo("{\"theme\":\"light\"}");
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void newFilesAre0600InNew0700Folders() throws IOException {
        Path file = dir.resolve("a/b/progress.json");
        AtomicFileWriter.writeString(file, "{}");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b")))).isEqualTo("rwx------");
    }

    @Test
    void aReplacedWorldReadableFileBecomesPrivate() throws IOException {
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, "old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        AtomicFileWriter.writeString(file, "old\nnew\n");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aFailingWriteKeepsTheOldFileAndRemovesItsTemporaryFile() throws IOException {
        Path file = dir.resolve("workspace.yaml");
        AtomicFileWriter.writeString(file, "name: old\n");

        assertThatThrownBy(() -> AtomicFileWriter.write(file, out -> {
            out.write("name: half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(Files.readString(file)).isEqualTo("name: old\n");
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void staleLeftoversOfKilledWritersAreRemovedYoungOnesKept() throws IOException {
        Path file = dir.resolve("progress.json");
        Path stale = dir.resolve(".progress.json.123.tmp");
        Path young = dir.resolve(".progress.json.456.tmp");
        Files.writeString(stale, "{\"half");
        Files.writeString(young, "{\"being written");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(AtomicFileWriter.STALE_AFTER).minusSeconds(5)));

        AtomicFileWriter.writeString(file, "{}");

        assertThat(stale).doesNotExist();
        assertThat(young).exists();
    }

    @Test
    void aSymlinkedFileStaysALinkAndItsTargetIsReplaced() throws IOException {
        Path real = dir.resolve("dotfiles/known_hosts");
        AtomicFileWriter.writeString(real, "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("known_hosts"), Path.of("dotfiles/known_hosts"));

        AtomicFileWriter.writeString(link, "old\nnew\n");

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("old\nnew\n");
    }

    @Test
    void aFileWhereAFolderShouldBeIsNamed() throws IOException {
        Files.writeString(dir.resolve("labbench"), "not a folder");

        assertThatThrownBy(() -> AtomicFileWriter.writeString(dir.resolve("labbench/settings.json"), "{}"))
                .isInstanceOf(IOException.class);
    }
}
