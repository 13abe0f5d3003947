package io.labbench.sessions.transcript;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Records one terminal: its output as timestamped plain lines ({@code 2026-11-26T11:16:44.123Z | text}),
 * secrets masked, appended to a file in the workspace folder and kept in memory for the last lines.
 * Typed input is never recorded. What is typed at a password prompt (where the remote turns echo off)
 * is also remembered as a secret literal, so it is masked even if the remote prints it later.
 * If the file cannot be written the recorder keeps working in memory and reports that once.
 */
public final class TranscriptRecorder implements AutoCloseable {

    private static final Pattern NO_ECHO_PROMPT = Pattern.compile(
            "(?i)(password|passphrase|passcode|pin|secret|token|verification code)[^:\\n]{0,40}:\\s*$");

    private final Optional<Path> file;
    private final SecretMasker masker;
    private final SecretMasker.Lines lineMasker;
    private final LineStamps stamps;
    private final int recentCapacity;
    private final Deque<String> recent = new ArrayDeque<>();
    private final TerminalTextLines lines;
    private final StringBuilder typedSecret = new StringBuilder();
    private BufferedWriter writer;
    private boolean collectingSecret;
    private Optional<String> writeProblem = Optional.empty();
    private boolean closed;

    public TranscriptRecorder(Optional<Path> file, SecretMasker masker, Clock clock, int recentCapacity) {
        this.file = file;
        this.masker = masker;
        this.lineMasker = masker.lines();
        this.stamps = new LineStamps(clock);
        this.recentCapacity = recentCapacity;
        this.lines = new TerminalTextLines(this::completedLine);
    }

    /** A recorder writing to {@code file} with the standard masker. */
    public static TranscriptRecorder toFile(Path file) {
        return new TranscriptRecorder(Optional.of(file), SecretMasker.standard(), Clock.systemUTC(), 2000);
    }

    /** A recorder that only keeps recent lines in memory. */
    public static TranscriptRecorder inMemory() {
        return new TranscriptRecorder(Optional.empty(), SecretMasker.standard(), Clock.systemUTC(), 2000);
    }

    public Optional<Path> file() {
        return file;
    }

    /** Why the file is not being written, if it is not. */
    public synchronized Optional<String> writeProblem() {
        return writeProblem;
    }

    /** Output from the terminal, in any chunks. */
    public synchronized void output(char[] chars, int offset, int length) {
        if (!closed) {
            lines.accept(chars, offset, length);
        }
    }

    public synchronized void output(CharSequence text) {
        if (!closed) {
            lines.accept(text);
        }
    }

    /**
     * What the user typed (not recorded). Used only to catch a secret typed at a password prompt:
     * while the current output line looks like one, the typed characters up to Enter become a literal
     * the masker hides from then on.
     */
    public synchronized void input(String typed) {
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (!collectingSecret && NO_ECHO_PROMPT.matcher(lines.currentLine()).find()) {
                collectingSecret = true;
                typedSecret.setLength(0);
            }
            if (!collectingSecret) {
                continue;
            }
            if (c == '\r' || c == '\n') {
                masker.addLiteral(typedSecret.toString());
                typedSecret.setLength(0);
                collectingSecret = false;
            } else if (c == '\b' || c == 0x7f) {
                if (typedSecret.length() > 0) {
                    typedSecret.setLength(typedSecret.length() - 1);
                }
            } else if (c >= 0x20) {
                typedSecret.append(c);
            }
        }
    }

    /** An event line such as "connection lost", written between output lines. */
    public synchronized void note(String event) {
        if (closed) {
            return;
        }
        lines.flush();
        write("--- " + event + " ---");
        flush();
    }

    /** The last {@code maxLines} lines, masked, ending with the unfinished line (e.g. the prompt) if any. */
    public synchronized List<String> recentLines(int maxLines) {
        List<String> all = new ArrayList<>(recent);
        String partial = lineMasker.peek(lines.currentLine());
        if (!partial.isEmpty()) {
            all.add(partial);
        }
        return List.copyOf(all.subList(Math.max(0, all.size() - maxLines), all.size()));
    }

    /**
     * Pushes written lines to the file. The terminal calls it whenever its output goes quiet, so the
     * file is current without a disk write per line during a flood of output.
     */
    public synchronized void flush() {
        if (writer != null && writeProblem.isEmpty()) {
            try {
                writer.flush();
            } catch (IOException e) {
                writeProblem = Optional.of("cannot write the transcript " + file.orElseThrow() + " (" + e.getMessage()
                        + "); recording continues in memory only. Check the folder's permissions and free space");
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        lines.flush();
        closed = true;
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                writeProblem = Optional.of("closing " + file.orElseThrow() + " failed: " + e.getMessage());
            }
        }
    }

    private void completedLine(String line) {
        lineMasker.next(line).ifPresent(this::write);
    }

    private void write(String maskedLine) {
        recent.addLast(maskedLine);
        while (recent.size() > recentCapacity) {
            recent.removeFirst();
        }
        if (file.isEmpty() || writeProblem.isPresent()) {
            return;
        }
        try {
            if (writer == null) {
                Files.createDirectories(file.get().toAbsolutePath().getParent());
                writer = Files.newBufferedWriter(file.get(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            writer.write(stamps.now());
            writer.write(" | ");
            writer.write(maskedLine);
            writer.newLine();
        } catch (IOException e) {
            writeProblem = Optional.of("cannot write the transcript " + file.get() + " (" + e.getMessage()
                    + "); recording continues in memory only. Check the folder's permissions and free space");
        }
    }
}
