package io.labbench.labmodel.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a lab file's text, refusing what cannot be a lab before any YAML is parsed: a file that is
 * missing, unreadable, a folder, larger than {@link #MAX_BYTES} (a 50 MB file once kept the YAML
 * parser busy for minutes and over a gigabyte), or not UTF-8, each with what to do about it.
 */
final class LabFileText {

    /**
     * The largest lab file accepted: 2 MiB. The week-2 lab, the largest there is, is about 0.22 MB with
     * both languages; ten times that is still a lab, anything beyond is a mistake (a log, an image, a
     * device such as {@code /dev/zero}).
     */
    static final int MAX_BYTES = 2 * 1024 * 1024;

    /** What was read: the text, or the one error that explains why there is none. */
    sealed interface Outcome {
        record Read(String text) implements Outcome {
        }

        record Refused(LabError error) implements Outcome {
        }
    }

    private LabFileText() {
    }

    static Outcome read(Path file) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            return refused(name, 1, 1, "this is a folder, not a lab file; name a .yaml file in it (e.g. " + name + "/*.yaml)");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Never more than the cap plus one byte: the size a file claims is no guard for a pipe or a device.
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            return refused(name, 1, 1, whyUnreadable(e, file));
        }
        if (bytes.length > MAX_BYTES) {
            return refused(name, 1, 1, "the file is " + sizeOf(file) + "; a lab file may be at most " + megabytes(MAX_BYTES)
                    + " (the week-2 lab is 0.2 MB). Is this the right file?");
        }
        return decode(name, bytes);
    }

    /** Why {@code file} could not be opened, in the words a learner can act on. */
    static String whyUnreadable(IOException e, Path file) {
        if (e instanceof NoSuchFileException) {
            return "not found: there is no file at " + file.toAbsolutePath() + "; check the path";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: this user may not read the file; check its owner and mode (ls -l " + file + ")";
        }
        return "cannot read the file: " + e.getMessage() + " (expected a readable UTF-8 YAML file)";
    }

    /** The text, or where the first byte that is not UTF-8 sits (line and column of the text before it). */
    static Outcome decode(String name, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            out.flip();
            int line = 1;
            int column = 1;
            for (int i = 0; i < out.length(); i++) {
                if (out.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else if (!Character.isLowSurrogate(out.charAt(i))) {
                    column++;
                }
            }
            int offset = in.position();
            return refused(name, line, column, String.format(Locale.ROOT,
                    "not UTF-8: byte 0x%02X at offset %d does not fit; save the file as UTF-8 (lab files are UTF-8 text)",
                    bytes[offset] & 0xff, offset));
        }
        out.flip();
        return new Outcome.Read(out.toString());
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static String sizeOf(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return megabytes(Files.size(file));
            }
        } catch (IOException e) {
            // fall through: a device or a pipe has no size to tell
        }
        return "larger than " + megabytes(MAX_BYTES);
    }

    private static Outcome refused(String file, int line, int column, String message) {
        return new Outcome.Refused(new LabError(file, line, column, message));
    }
}
