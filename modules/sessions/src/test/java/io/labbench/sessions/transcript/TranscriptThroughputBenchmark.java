package io.labbench.sessions.transcript;

import io.labbench.sessions.testing.Benchmarks;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What recording costs per megabyte of terminal output: a 20 MB stream like a flood in a pane (base64
 * lines ending in CR LF, every tenth coloured with SGR codes) fed in 8 KB chunks straight into the
 * recorder's work ({@link TranscriptWriter}: strip, mask, stamp, write the file), on this thread. Prints
 * the median MB/s of the measured passes after untimed warm-up passes, and the CPU time per MB. On a
 * 2-core machine this CPU is taken from the pane's emulator and the SSH client as a flood comes in.
 *
 * <p>Run: {@code java -cp modules/sessions/target/test-classes:modules/sessions/target/classes:CLASSPATH
 * io.labbench.sessions.transcript.TranscriptThroughputBenchmark [measured passes] [warm-up passes]}
 */
public final class TranscriptThroughputBenchmark {

    private static final int STREAM_BYTES = 20 * 1024 * 1024;
    private static final int CHUNK_CHARS = 8192;

    private TranscriptThroughputBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int measured = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int warmUps = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path dir = Files.createTempDirectory("lbt-transcript-bench");
        char[] stream = terminalStream(dir);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] wall = new long[measured];
        long[] cpu = new long[measured];
        for (int pass = -warmUps; pass < measured; pass++) {
            Path file = dir.resolve("pass" + (pass + warmUps) + ".log");
            TranscriptWriter writer = new TranscriptWriter(Optional.of(file), SecretMasker.standard(), Clock.systemUTC(), 2000);
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (int offset = 0; offset < stream.length; offset += CHUNK_CHARS) {
                writer.output(stream, offset, Math.min(CHUNK_CHARS, stream.length - offset));
            }
            writer.close();
            if (pass >= 0) {
                wall[pass] = System.nanoTime() - start;
                cpu[pass] = threads.getCurrentThreadCpuTime() - cpuStart;
            }
            checkWritten(file, writer);
            Files.delete(file);
        }
        double megabytes = stream.length / 1e6;
        // The best pass beside the median: on a shared machine whole runs land in a slow mode (2-3x the CPU
        // for the same code), so compare two builds by interleaved runs, on both figures.
        System.out.printf("transcript of a %.0f MB terminal stream, median of %d after %d warm-up passes: %.1f MB/s,"
                        + " %.1f ms CPU per MB (best pass %.1f)%n", megabytes, measured, warmUps,
                megabytes / (Benchmarks.median(wall) / 1e9), Benchmarks.median(cpu) / 1e6 / megabytes,
                Arrays.stream(cpu).min().orElseThrow() / 1e6 / megabytes);
        // Machine-readable line for ./run-benchmarks: metric, value, unit, reference, goal.
        System.out.printf(Locale.ROOT, "BENCH\ttranscript writer throughput\t%.1f\tMB/s\t-\t-%n",
                megabytes / (Benchmarks.median(wall) / 1e9));
        Files.delete(dir.resolve("stream.txt"));
        Files.delete(dir);
    }

    /** Base64 lines as a pty delivers them (CR LF), every tenth in colour. */
    private static char[] terminalStream(Path dir) throws IOException {
        Path plain = dir.resolve("stream.txt");
        Benchmarks.writeBase64Lines(plain, STREAM_BYTES);
        List<String> lines = Files.readAllLines(plain, StandardCharsets.US_ASCII);
        StringBuilder stream = new StringBuilder(STREAM_BYTES + STREAM_BYTES / 8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            stream.append(i % 10 == 0 ? "\u001b[1;32m" + line + "\u001b[0m" : line).append("\r\n");
        }
        return stream.toString().toCharArray();
    }

    /** Each pass must have written every line, the last one intact. */
    private static void checkWritten(Path file, TranscriptWriter writer) throws IOException {
        List<String> recent = writer.recentLines(1);
        String last = Files.readAllLines(file, StandardCharsets.UTF_8).get((int) Files.lines(file).count() - 1);
        if (recent.isEmpty() || !last.endsWith(" | " + recent.get(0))) {
            throw new IllegalStateException("the transcript does not end with the stream's last line: " + last);
        }
    }
}
