package io.labbench.netparse.text;

/**
 * The blank-separated words of one line, with their positions, so a parser can take "the rest of the line
 * from word 8" verbatim. Reused across lines to keep parsing allocation-light.
 */
public final class Tokens {
    private String text = "";
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private int count;

    public Tokens of(String line) {
        text = line;
        count = 0;
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && isBlank(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int s = i;
            while (i < n && !isBlank(line.charAt(i))) {
                i++;
            }
            if (count == starts.length) {
                starts = java.util.Arrays.copyOf(starts, count * 2);
                ends = java.util.Arrays.copyOf(ends, count * 2);
            }
            starts[count] = s;
            ends[count] = i;
            count++;
        }
        return this;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    public int size() {
        return count;
    }

    public String get(int i) {
        return i < count ? text.substring(starts[i], ends[i]) : "";
    }

    public boolean is(int i, String expected) {
        if (i >= count) {
            return false;
        }
        int len = ends[i] - starts[i];
        return len == expected.length() && text.regionMatches(starts[i], expected, 0, len);
    }

    public int start(int i) {
        return starts[i];
    }

    public int end(int i) {
        return ends[i];
    }

    /** The line from word {@code i} to its end, verbatim; empty when there is no such word. */
    public String rest(int i) {
        return i < count ? text.substring(starts[i]) : "";
    }

    /** Words {@code from} (inclusive) to {@code to} (exclusive) joined by single spaces. */
    public String join(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < Math.min(to, count); i++) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(text, starts[i], ends[i]);
        }
        return b.toString();
    }

    public String line() {
        return text;
    }
}
