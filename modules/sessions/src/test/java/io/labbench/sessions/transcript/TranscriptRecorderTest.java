package io.labbench.sessions.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptRecorderTest {

    /** A clock that reads the given instants in turn, then stays on the last. */
    private static final class SteppingClock extends Clock {
        private final Deque<Instant> instants;

        SteppingClock(Instant... instants) {
            this.instants = new ArrayDeque<>(List.of(instants));
        }

        @Override
        public Instant instant() {
            return instants.size() > 1 ? instants.removeFirst() : instants.getFirst();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void linesAreStampedToTheMillisecondInUtcWithTheTimeTheirChunkArrived(@TempDir Path dir) throws IOException {
        Instant first = Instant.parse("2026-11-26T11:16:44.123456Z");
        Clock clock = new SteppingClock(first, first.plusNanos(300_000), Instant.parse("2026-11-26T11:16:45Z"),
                Instant.parse("2026-11-26T11:16:45.000900Z"));
        Path file = dir.resolve("node.log");
        TranscriptRecorder recorder = new TranscriptRecorder(Optional.of(file), SecretMasker.standard(), clock, 100);

        recorder.output("one\r\ntwo\r\n");
        recorder.output("three\r\n");
        recorder.output("four\r\nfi");
        recorder.output("ve\r\n");
        recorder.close();

        // Lines of one chunk arrived together and share its stamp; same millisecond, same stamp; a whole
        // second has no fraction, as Instant prints it; a line split across chunks ends in the later one.
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly(
                "2026-11-26T11:16:44.123Z | one",
                "2026-11-26T11:16:44.123Z | two",
                "2026-11-26T11:16:44.123Z | three",
                "2026-11-26T11:16:45Z | four",
                "2026-11-26T11:16:45Z | five");
    }

    @Test
    void typingIsJudgedAgainstTheOutputBeforeItEvenWhileTheWriterIsBehind(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("node.log");
        TranscriptRecorder recorder = TranscriptRecorder.toFile(file);

        // A flood keeps the writer thread busy while the user types at the shell prompt and then at a
        // password prompt: each must be judged by the prompt it was typed at, not by where the writer is.
        outputLines(recorder, 0, 20_000);
        recorder.output("lbt$ ");
        recorder.input("echo not-a-secret\r");
        recorder.output("echo not-a-secret\r\nnot-a-secret\r\n");
        outputLines(recorder, 20_000, 40_000);
        recorder.output("[sudo] password for lab: ");
        recorder.input("hunter2-typed\r");
        recorder.output("\r\nlbt$ echo hunter2-typed\r\nhunter2-typed\r\n");
        recorder.close();

        List<String> text = textOf(Files.readAllLines(file, StandardCharsets.UTF_8));
        assertThat(text).contains("lbt$ echo not-a-secret", "not-a-secret", "[sudo] password for lab:",
                "lbt$ echo [masked typed secret]", "[masked typed secret]");
        assertThat(String.join("\n", text)).doesNotContain("hunter2-typed");
    }

    @Test
    void everythingGivenBeforeCloseIsInTheFileAndTheRecentLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("node.log");
        TranscriptRecorder recorder = TranscriptRecorder.toFile(file);

        outputLines(recorder, 0, 100_000);
        recorder.output("lbt$ ");
        assertThat(recorder.recentLines(2)).containsExactly("line 99999 of a flood of output", "lbt$ ");
        recorder.note("closed");
        recorder.close();
        recorder.output("after close\r\n");

        List<String> text = textOf(Files.readAllLines(file, StandardCharsets.UTF_8));
        assertThat(text).hasSize(100_002);
        assertThat(text.subList(0, 100_000)).isEqualTo(expectedLines(0, 100_000));
        assertThat(text.subList(100_000, 100_002)).containsExactly("lbt$", "--- closed ---");
    }

    @Test
    void aSlowDiskHoldsBackTheTerminalInsteadOfLosingLines(@TempDir Path dir) throws Exception {
        // A named pipe is a disk as slow as its reader: nothing is taken until the reader opens it.
        Path file = dir.resolve("slow.log");
        assertThat(new ProcessBuilder("mkfifo", file.toString()).inheritIO().start().waitFor()).isZero();
        TranscriptRecorder recorder = TranscriptRecorder.toFile(file);
        Thread terminal = new Thread(() -> outputLines(recorder, 0, 60_000), "pane reader");
        terminal.start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (terminal.getState() != Thread.State.WAITING && terminal.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(terminal.getState()).as("the terminal waits for the transcript").isEqualTo(Thread.State.WAITING);

        List<String> written = new ArrayList<>();
        Thread disk = new Thread(() -> {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    written.add(line);
                    if (written.size() % 1000 == 0) {
                        Thread.sleep(5);
                    }
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "slow disk");
        disk.start();
        terminal.join(TimeUnit.MINUTES.toMillis(2));
        recorder.close();
        disk.join(TimeUnit.MINUTES.toMillis(2));

        assertThat(recorder.writeProblem()).isEmpty();
        assertThat(textOf(written)).isEqualTo(expectedLines(0, 60_000));
    }

    @Test
    void aPromptPutsEveryLineBeforeItInTheFileWithoutAFlushOrClose(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("transcripts/node.log");
        TranscriptRecorder recorder = TranscriptRecorder.toFile(file);

        outputLines(recorder, 0, 50);
        recorder.output("[root@kops-ec2 ~]# ");
        recorder.recentLines(1);

        // What another process (or this one after a kill -9) reads: the buffer's content reached the file.
        assertThat(textOf(Files.readAllLines(file))).isEqualTo(expectedLines(0, 50));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        recorder.close();
    }

    @Test
    void aFloodWithoutPromptsReachesTheFileAtLeastEverySecond(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("node.log");
        TranscriptRecorder recorder = TranscriptRecorder.toFile(file);

        outputLines(recorder, 0, 20);
        recorder.recentLines(1);
        assertThat(file).as("20 short lines wait in the buffer").isEmptyFile();
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(TranscriptWriter.FLUSH_INTERVAL_NANOS) + 100);
        recorder.output("still busy, no prompt yet");
        recorder.recentLines(1);

        assertThat(textOf(Files.readAllLines(file))).isEqualTo(expectedLines(0, 20));
        recorder.close();
    }

    @Test
    void passwordsTypedAtPromptsEndingInAnAngleBracketOrInKoreanAreLearned() {
        SecretMasker masker = SecretMasker.standard();
        TranscriptRecorder recorder = new TranscriptRecorder(Optional.empty(), masker, Clock.systemUTC(), 100);

        recorder.output("Password> ");
        recorder.input("lbt-angle-pw\r");
        recorder.output("\r\n비밀번호를 입력하세요: ");
        recorder.input("lbt-korean-pw\r");
        recorder.output("\r\necho lbt-angle-pw lbt-korean-pw\r\n");

        assertThat(recorder.recentLines(10)).last().isEqualTo("echo [masked typed secret] [masked typed secret]");
        recorder.close();
    }

    @Test
    void aWordLikeMappingIsNoPromptSoWhatIsTypedAfterItStaysVisible() {
        SecretMasker masker = SecretMasker.standard();
        TranscriptRecorder recorder = new TranscriptRecorder(Optional.empty(), masker, Clock.systemUTC(), 100);

        recorder.output("Port Mapping: ");
        recorder.input("kubectl\r");
        recorder.output("\r\nkubectl get pods\r\n");

        assertThat(recorder.recentLines(10)).last().isEqualTo("kubectl get pods");
        assertThat(masker.mask("kubectl")).isEqualTo("kubectl");
        recorder.close();
    }

    /** Output lines {@code from} to {@code to} (exclusive) as a terminal reads them: CRLF, in 1 KB chunks. */
    private static void outputLines(TranscriptRecorder recorder, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append("line ").append(i).append(" of a flood of output\r\n");
        }
        char[] chars = text.toString().toCharArray();
        for (int offset = 0; offset < chars.length; offset += 1024) {
            recorder.output(chars, offset, Math.min(1024, chars.length - offset));
        }
    }

    private static List<String> expectedLines(int from, int to) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < to; i++) {
            lines.add("line " + i + " of a flood of output");
        }
        return lines;
    }

    /** The file's lines without their time stamps. */
    private static List<String> textOf(List<String> stampedLines) {
        return stampedLines.stream().map(line -> line.substring(line.indexOf(" | ") + 3)).toList();
    }
}
