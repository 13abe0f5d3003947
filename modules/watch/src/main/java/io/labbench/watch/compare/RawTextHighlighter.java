package io.labbench.watch.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * Highlights raw output the way {@code watch -d} does: line N is compared with line N of the previous
 * output character by character, and every position whose character differs (or did not exist) is
 * marked. Deliberately positional rather than a smart diff, because that is what learners know from
 * the terminal.
 */
public final class RawTextHighlighter {

    private RawTextHighlighter() {
    }

    public static List<HighlightedLine> highlight(String previous, String current) {
        String[] before = lines(previous);
        String[] now = lines(current);
        List<HighlightedLine> result = new ArrayList<>(now.length);
        for (int i = 0; i < now.length; i++) {
            String old = i < before.length ? before[i] : "";
            result.add(new HighlightedLine(now[i], changedSpans(old, now[i])));
        }
        return result;
    }

    /** Every line of {@code text} with nothing highlighted (the first refresh). */
    public static List<HighlightedLine> plain(String text) {
        List<HighlightedLine> result = new ArrayList<>();
        for (String line : lines(text)) {
            result.add(new HighlightedLine(line, List.of()));
        }
        return result;
    }

    private static List<TextSpan> changedSpans(String old, String now) {
        List<TextSpan> spans = new ArrayList<>();
        int start = -1;
        for (int c = 0; c < now.length(); c++) {
            boolean differs = c >= old.length() || old.charAt(c) != now.charAt(c);
            if (differs && start < 0) {
                start = c;
            } else if (!differs && start >= 0) {
                spans.add(new TextSpan(start, c));
                start = -1;
            }
        }
        if (start >= 0) {
            spans.add(new TextSpan(start, now.length()));
        }
        return spans;
    }

    private static String[] lines(String text) {
        if (text.isEmpty()) {
            return new String[0];
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (body.endsWith("\r")) {
            body = body.substring(0, body.length() - 1);
        }
        return body.split("\r?\n", -1);
    }
}
