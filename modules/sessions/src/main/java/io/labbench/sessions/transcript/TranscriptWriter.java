package io.labbench.sessions.transcript;

import io.labbench.storage.PrivateFolders;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The work behind a {@link TranscriptRecorder}: turns one terminal's output into timestamped plain
 * lines ({@code 2026-11-26T11:16:44.123Z | text}), secrets masked, appended to a file and kept in memory
 * for the last lines, and learns passwords typed at no-echo prompts as secret literals. Lines are handed
 * to the operating system (where a {@code kill -9} of the app cannot lose them) at least every
 * {@link #FLUSH_INTERVAL_NANOS second} while output flows, as soon as a prompt appears and whenever the
 * recorder is flushed (the terminal went quiet); in between they wait in a buffer. Runs on the
 * recorder's writer thread, so it is fed in the order output and typing happened; its monitor guards
 * it for the readers of {@link #recentLines} and {@link #writeProblem}.
 */
final class TranscriptWriter {

    /**
     * A line asking for a secret: one of these words (as a word: "Mapping: " holds "pin" but asks for
     * nothing) and, at the end, {@code :} or {@code >} with nothing but spaces after it.
     */
    private static final Pattern NO_ECHO_PROMPT = Pattern.compile(
            "(?i)(?<![\\p{L}\\p{N}_])(password|passphrase|passcode|pin|secret|token|verification code|비밀번호|암호|패스워드)"
                    + "(?![a-rt-z])[^\\n]{0,60}?[:>]\\s*$");
    private static final byte[] LINE_END = System.lineSeparator().getBytes(StandardCharsets.US_ASCII);
    private static final int FILE_BUFFER_BYTES = 64 * 1024;
    /** At most this much output sits in the buffer unwritten during a flood: what a crash can lose. */
    static final long FLUSH_INTERVAL_NANOS = 1_000_000_000L;
    /**
     * The last character of a shell, REPL or password prompt, maybe followed by one space: the remote
     * waits for input, so write what came before now. Checked after every chunk of output, so without a
     * copy of the line or a regular expression.
     */
    private static final String PROMPT_ENDS = "$#>%:]";

    private final Optional<Path> file;
    private final SecretMasker masker;
    private final SecretMasker.Lines lineMasker;
    private final LineStamps stamps;
    private final int recentCapacity;
    private final Deque<String> recent = new ArrayDeque<>();
    private final TerminalTextLines lines;
    private final StringBuilder typedSecret = new StringBuilder();
    private OutputStream fileOut;
    private boolean unflushed;
    private long lastFlushNanos = System.nanoTime();
    private boolean collectingSecret;
    private Optional<String> writeProblem = Optional.empty();
    private boolean closed;
    /**
     * While a chunk of output is read: the stamp its lines get, the time it arrived (read by the recorder
     * as the chunk is handed over). They arrived together, and one time per chunk rather than per line
     * spares a clock call and a format for each of a flood's short lines.
     */
    private byte[] chunkPrefix;

    TranscriptWriter(Optional<Path> file, SecretMasker masker, Clock clock, int recentCapacity) {
        this.file = file;
        this.masker = masker;
        this.lineMasker = masker.lines();
        this.stamps = new LineStamps(clock);
        this.recentCapacity = recentCapacity;
        this.lines = new TerminalTextLines(this::completedLine);
    }

    /** Why the file is not being written, if it is not. */
    synchronized Optional<String> writeProblem() {
        return writeProblem;
    }

    /** Output from the terminal, in any chunks. */
    synchronized void output(char[] chars, int offset, int length) {
        output(chars, offset, length, stamps.millis());
    }

    /** Output that arrived at {@code arrivedMillis}: the time its lines are stamped with. */
    synchronized void output(char[] chars, int offset, int length, long arrivedMillis) {
        if (!closed) {
            chunkPrefix = stamps.linePrefix(arrivedMillis);
            try {
                lines.accept(chars, offset, length);
            } finally {
                chunkPrefix = null;
            }
            if (unflushed && (System.nanoTime() - lastFlushNanos >= FLUSH_INTERVAL_NANOS
                    || endsLikePrompt(lines.currentLineView()))) {
                flush();
            }
        }
    }

    /**
     * What the user typed (not recorded): while the current output line looks like a password prompt,
     * the typed characters up to Enter become a literal the masker hides from then on.
     */
    synchronized void input(String typed) {
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
    synchronized void note(String event) {
        if (closed) {
            return;
        }
        lines.flush();
        write("--- " + event + " ---");
        flush();
    }

    /** The last {@code maxLines} lines, masked, ending with the unfinished line (e.g. the prompt) if any. */
    synchronized List<String> recentLines(int maxLines) {
        List<String> all = new ArrayList<>(recent);
        String partial = lineMasker.peek(lines.currentLine());
        if (!partial.isEmpty()) {
            all.add(partial);
        }
        return List.copyOf(all.subList(Math.max(0, all.size() - maxLines), all.size()));
    }

    /** Pushes written lines to the file (the terminal's output went quiet). */
    synchronized void flush() {
        lastFlushNanos = System.nanoTime();
        if (fileOut != null && writeProblem.isEmpty() && unflushed) {
            try {
                unflushed = false;
                fileOut.flush();
            } catch (IOException e) {
                writeProblem = Optional.of("cannot write the transcript " + file.orElseThrow() + " (" + e.getMessage()
                        + "); recording continues in memory only. Check the folder's permissions and free space");
            }
        }
    }

    synchronized void close() {
        if (closed) {
            return;
        }
        lines.flush();
        closed = true;
        if (fileOut != null) {
            try {
                fileOut.close();
            } catch (IOException e) {
                writeProblem = Optional.of("closing " + file.orElseThrow() + " failed: " + e.getMessage());
            }
        }
    }

    /**
     * Opens the transcript for appending, readable by the user alone: created 0600 in a folder created
     * 0700, and an older file made 0600 too, since it may hold what the masker does not know is secret.
     */
    private static OutputStream openPrivately(Path file) throws IOException {
        PrivateFolders.create(file.toAbsolutePath().getParent());
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
        if (posix && !Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(owner));
        }
        if (posix) {
            Files.setPosixFilePermissions(file, owner);
        }
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static boolean endsLikePrompt(CharSequence line) {
        int last = line.length() - 1;
        if (last >= 0 && line.charAt(last) == ' ') {
            last--;
        }
        return last >= 0 && PROMPT_ENDS.indexOf(line.charAt(last)) >= 0;
    }

    private void completedLine(String line) {
        String masked = lineMasker.nextOrNull(line);
        if (masked != null) {
            write(masked);
        }
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
            if (fileOut == null) {
                fileOut = new UnsharedBufferedOutput(openPrivately(file.get()), FILE_BUFFER_BYTES);
            }
            unflushed = true;
            // Bytes straight from each String: for the usual ASCII line that is one array copy, where a
            // Writer would widen it to chars and encode those back again.
            fileOut.write(chunkPrefix != null ? chunkPrefix : stamps.linePrefix());
            fileOut.write(maskedLine.getBytes(StandardCharsets.UTF_8));
            fileOut.write(LINE_END);
        } catch (IOException e) {
            writeProblem = Optional.of("cannot write the transcript " + file.get() + " (" + e.getMessage()
                    + "); recording continues in memory only. Check the folder's permissions and free space");
        }
    }
}
