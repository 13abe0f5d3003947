package io.labbench.sessions.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

/** What the SSH benchmarks here and in the app share: the text file they cat, and their median. */
public final class Benchmarks {

    private Benchmarks() {
    }

    /**
     * Writes {@code bytes} bytes of base64 lines (the same every time: seeded) ending with a newline, like
     * a long log; returns the last line, for checking that all of it arrived.
     */
    public static String writeBase64Lines(Path file, int bytes) throws IOException {
        Random random = new Random(42);
        byte[] chunk = new byte[57];
        StringBuilder text = new StringBuilder(bytes + 100);
        while (text.length() < bytes) {
            random.nextBytes(chunk);
            text.append(Base64.getEncoder().encodeToString(chunk)).append('\n');
        }
        text.setLength(bytes - 1);
        text.append('\n');
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        int lastLineStart = text.lastIndexOf("\n", text.length() - 2) + 1;
        return text.substring(lastLineStart, text.length() - 1);
    }

    public static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
