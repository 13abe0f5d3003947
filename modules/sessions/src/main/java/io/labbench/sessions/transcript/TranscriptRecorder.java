package io.labbench.sessions.transcript;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Records one terminal: its output as timestamped plain lines ({@code 2026-11-26T11:16:44.123Z | text}),
 * secrets masked, appended to a file in the workspace folder and kept in memory for the last lines.
 * Typed input is never recorded. What is typed at a password prompt (where the remote turns echo off)
 * is also remembered as a secret literal, so it is masked even if the remote prints it later.
 * If the file cannot be written the recorder keeps working in memory and reports that once.
 *
 * <p>The stripping, masking and writing happen on a writer thread of the recorder's own, so a flood of
 * output costs the pane's reader thread only a copy of each chunk. Output, typed input and notes reach
 * that thread in the order they were given; when it falls {@link #QUEUED_OUTPUT_CHARS} behind (a slow
 * disk), {@link #output} waits rather than drop lines. {@link #recentLines} and {@link #writeProblem}
 * first wait for what was handed over before them; {@link #close} writes everything queued.
 */
public final class TranscriptRecorder implements AutoCloseable {

    /** About a quarter second of a flood: enough to ride out the writer's hiccups, cheap to wait for. */
    static final int QUEUED_OUTPUT_CHARS = 256 * 1024;

    private final Optional<Path> file;
    private final TranscriptWriter writer;
    /** Read as each chunk arrives: its lines are stamped with that time, however late the writer thread gets to them. */
    private final Clock clock;
    private final TranscriptHandOff handOff;
    /** One sink for all output, so that chunks handed over one after another join one batch. */
    private final TranscriptHandOff.OutputSink toWriter;

    public TranscriptRecorder(Optional<Path> file, SecretMasker masker, Clock clock, int recentCapacity) {
        this.file = file;
        this.writer = new TranscriptWriter(file, masker, clock, recentCapacity);
        this.clock = clock;
        this.toWriter = writer::output;
        this.handOff = new TranscriptHandOff("transcript " + file.map(path -> path.getFileName().toString()).orElse("in memory"),
                QUEUED_OUTPUT_CHARS);
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
    public Optional<String> writeProblem() {
        handOff.awaitHandedOver();
        return writer.writeProblem();
    }

    /** Output from the terminal, in any chunks; the caller may reuse {@code chars} at once. */
    public void output(char[] chars, int offset, int length) {
        handOff.submitOutput(chars, offset, length, clock.millis(), toWriter);
    }

    public void output(CharSequence text) {
        char[] chars = text.toString().toCharArray();
        output(chars, 0, chars.length);
    }

    /**
     * What the user typed (not recorded). Used only to catch a secret typed at a password prompt:
     * while the current output line looks like one, the typed characters up to Enter become a literal
     * the masker hides from then on. Judged against the output given before it, whatever the writer
     * thread has got to.
     */
    public void input(String typed) {
        handOff.submit(0, () -> writer.input(typed));
    }

    /** An event line such as "connection lost", written between output lines. */
    public void note(String event) {
        handOff.submit(0, () -> writer.note(event));
    }

    /** The last {@code maxLines} lines, masked, ending with the unfinished line (e.g. the prompt) if any. */
    public List<String> recentLines(int maxLines) {
        handOff.awaitHandedOver();
        return writer.recentLines(maxLines);
    }

    /**
     * Pushes written lines to the file. The terminal calls it whenever its output goes quiet, so the
     * file is current without a disk write per line during a flood of output.
     */
    public void flush() {
        handOff.submit(0, writer::flush);
    }

    /** Writes everything given so far, closes the file and stops the writer thread; later calls are ignored. */
    @Override
    public void close() {
        handOff.submit(0, writer::close);
        handOff.close();
    }
}
