package io.labbench.netparse;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a text looks like the output of the kind it was parsed as. Parsers keep what they can read
 * and report the rest, which suits real output with an odd line; but unrelated text (a
 * {@code kubectl describe node} read as {@code ip route}) leaves a few accidental rows among a wall
 * of diagnostics. The text does not fit when nothing was read, or when most of its first lines
 * could not be read.
 */
public final class InputFit {

    /**
     * How many non-blank lines the judgment looks at: what output looks like shows in its first lines,
     * and parsers report at most this many diagnostics.
     */
    static final int HEAD_LINES = 200;

    /**
     * Why a text is not output of the kind.
     *
     * @param line       the first line that could not be read (1-based)
     * @param message    what the parser expected there
     * @param unreadable lines of the head that could not be read
     * @param considered non-blank lines in the head
     */
    public record Misfit(int line, String message, int unreadable, int considered) {
    }

    private InputFit() {
    }

    /**
     * The misfit of {@code text} as parsed into {@code rows} rows with {@code diagnostics}, or empty when
     * it reads as the kind (possibly with a few lines reported).
     */
    public static Optional<Misfit> judge(String text, List<Diagnostic> diagnostics, int rows) {
        if (diagnostics.isEmpty()) {
            return Optional.empty();
        }
        int considered = 0;
        int lastHeadLine = 0;
        int line = 1;
        int start = 0;
        while (start < text.length() && considered < HEAD_LINES) {
            int end = text.indexOf('\n', start);
            int stop = end < 0 ? text.length() : end;
            if (!text.substring(start, stop).isBlank()) {
                considered++;
                lastHeadLine = line;
            }
            if (end < 0) {
                break;
            }
            start = end + 1;
            line++;
        }
        Set<Integer> unreadable = new HashSet<>();
        for (Diagnostic d : diagnostics) {
            if (d.line() <= lastHeadLine) {
                unreadable.add(d.line());
            }
        }
        Diagnostic first = diagnostics.stream().min((a, b) -> Integer.compare(a.line(), b.line())).orElseThrow();
        if (rows == 0 || unreadable.size() * 2 > considered) {
            return Optional.of(new Misfit(first.line(), first.message(), unreadable.size(), Math.max(considered, 1)));
        }
        return Optional.empty();
    }
}
