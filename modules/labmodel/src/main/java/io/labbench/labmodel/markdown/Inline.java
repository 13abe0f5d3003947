package io.labbench.labmodel.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A run of inline text with one style. */
public record Inline(Style style, String text, String href) {

    public enum Style { PLAIN, CODE, BOLD, ITALIC, LINK }

    private static final Pattern TOKEN = Pattern.compile(
            "`([^`]+)`|\\*\\*(.+?)\\*\\*|(?<![\\w*])\\*([^*\\s][^*]*?)\\*(?![\\w*])|\\[([^\\]]+)]\\(([^)\\s]+)\\)");

    public static List<Inline> parse(String text) {
        List<Inline> runs = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                runs.add(new Inline(Style.PLAIN, text.substring(last, m.start()), ""));
            }
            if (m.group(1) != null) {
                runs.add(new Inline(Style.CODE, m.group(1), ""));
            } else if (m.group(2) != null && m.group(2).matches("`[^`]+`")) {
                // **`code`**: the code is what matters; emphasis on code is drawn as code.
                runs.add(new Inline(Style.CODE, m.group(2).substring(1, m.group(2).length() - 1), ""));
            } else if (m.group(2) != null) {
                runs.add(new Inline(Style.BOLD, m.group(2), ""));
            } else if (m.group(3) != null) {
                runs.add(new Inline(Style.ITALIC, m.group(3), ""));
            } else {
                runs.add(new Inline(Style.LINK, m.group(4), m.group(5)));
            }
            last = m.end();
        }
        if (last < text.length()) {
            runs.add(new Inline(Style.PLAIN, text.substring(last), ""));
        }
        return runs;
    }
}
