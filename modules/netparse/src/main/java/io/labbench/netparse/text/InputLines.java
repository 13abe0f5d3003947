package io.labbench.netparse.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits raw output into cleaned lines. Removes ANSI escape sequences ({@code ip -c}, {@code watch -c}),
 * carriage returns and trailing blanks, and replaces other control characters by spaces, so that every
 * parser sees the text a person would read. The fast path (no ESC, CR or controls) only cuts lines.
 */
public final class InputLines {
    private InputLines() {
    }

    public static List<Line> of(String text) {
        List<Line> lines = new ArrayList<>(Math.max(16, text.length() / 64));
        int n = text.length();
        int start = 0;
        int number = 1;
        while (start <= n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
                if (start == n) {
                    break;
                }
            }
            lines.add(new Line(number++, clean(text, start, end)));
            start = end + 1;
        }
        return lines;
    }

    /** Cleans one line; exposed so that a single line can be read the same way. */
    public static String clean(String text, int start, int end) {
        boolean plain = true;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                plain = false;
                break;
            }
        }
        int trimmedEnd = end;
        if (plain) {
            while (trimmedEnd > start && isBlank(text.charAt(trimmedEnd - 1))) {
                trimmedEnd--;
            }
            return text.substring(start, trimmedEnd);
        }
        StringBuilder b = new StringBuilder(end - start);
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            if (c == 0x1b) {
                i = skipEscape(text, i + 1, end);
            } else if (c == '\r') {
                i++;
            } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                b.append(' ');
                i++;
            } else {
                b.append(c);
                i++;
            }
        }
        int len = b.length();
        while (len > 0 && isBlank(b.charAt(len - 1))) {
            len--;
        }
        b.setLength(len);
        return b.toString();
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** Skips a CSI ({@code ESC [ … final}), OSC ({@code ESC ] … BEL/ST}) or two-byte escape. */
    private static int skipEscape(String text, int i, int end) {
        if (i >= end) {
            return end;
        }
        char kind = text.charAt(i);
        if (kind == '[') {
            i++;
            while (i < end) {
                char c = text.charAt(i++);
                if (c >= 0x40 && c <= 0x7e) {
                    return i;
                }
            }
            return end;
        }
        if (kind == ']') {
            i++;
            while (i < end) {
                char c = text.charAt(i++);
                if (c == 0x07) {
                    return i;
                }
                if (c == 0x1b && i < end && text.charAt(i) == '\\') {
                    return i + 1;
                }
            }
            return end;
        }
        return i + 1;
    }
}
