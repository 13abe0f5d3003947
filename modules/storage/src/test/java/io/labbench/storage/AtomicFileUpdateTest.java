package io.labbench.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers that each add a line (a known_hosts accept in two windows at once) must all keep their line:
 * without the lock, two read-modify-writes that overlap lose the first one's line to the second rename.
 */
class AtomicFileUpdateTest {

    private static final int THREADS = 8;
    private static final int LINES_PER_WRITER = 40;

    @TempDir
    Path dir;

    @Test
    void concurrentThreadsKeepEveryLine() throws Exception {
        Path file = dir.resolve("known_hosts");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String writer = "thread" + t;
                writers.add(pool.submit(() -> {
                    go.await();
                    LineAppender.append(file, writer, LINES_PER_WRITER);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> w : writers) {
                w.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(THREADS * LINES_PER_WRITER).doesNotHaveDuplicates();
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < LINES_PER_WRITER; i++) {
                assertThat(lines).contains("thread" + t + " line " + i);
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void twoProcessesKeepEveryLine() throws Exception {
        Path file = dir.resolve("known_hosts");
        List<Process> processes = new ArrayList<>();
        for (String writer : List.of("processA", "processB")) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LineAppender.class.getName(), file.toString(), writer,
                    String.valueOf(LINES_PER_WRITER))
                    .redirectErrorStream(true).redirectOutput(dir.resolve(writer + ".log").toFile()).start());
        }
        for (Process p : processes) {
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("writer process ended").isTrue();
            assertThat(p.exitValue()).as("writer process exit status").isZero();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2 * LINES_PER_WRITER).doesNotHaveDuplicates();
        assertThat(lines).containsAll(IntStream.range(0, LINES_PER_WRITER).mapToObj(i -> "processA line " + i).toList())
                .containsAll(IntStream.range(0, LINES_PER_WRITER).mapToObj(i -> "processB line " + i).toList());
    }

    /** Adds {@code count} lines one update at a time; also the child process's main. */
    static final class LineAppender {
        public static void main(String[] args) throws IOException {
            append(Path.of(args[0]), args[1], Integer.parseInt(args[2]));
        }

        static void append(Path file, String writer, int count) throws IOException {
            for (int i = 0; i < count; i++) {
                byte[] line = (writer + " line " + i + "\n").getBytes(StandardCharsets.UTF_8);
                AtomicFileWriter.update(file, current -> {
                    byte[] next = java.util.Arrays.copyOf(current, current.length + line.length);
                    System.arraycopy(line, 0, next, current.length, line.length);
                    return next;
                });
            }
        }
    }
}
