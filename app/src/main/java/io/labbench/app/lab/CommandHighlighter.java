package io.labbench.app.lab;

import java.util.Collection;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Shell syntax colouring for commands: the program name, options, variables, quoted strings,
 * pipes and redirections, comments. A lexer, not a parser: good enough to read a one-liner at a glance.
 */
public final class CommandHighlighter {
    private static final Pattern TOKENS = Pattern.compile(
            "(?<COMMENT>(?<=^|\\s)#[^\\n]*)"
                    + "|(?<STRING>'[^']*'|\"(?:\\\\.|[^\"\\\\])*\")"
                    + "|(?<VARIABLE>\\$\\{[^}]*}|\\$[A-Za-z_][A-Za-z0-9_]*|\\$\\()"
                    + "|(?<OPERATOR>\\|\\||&&|\\||;|>>|>|<|\\\\\\n)"
                    + "|(?<FLAG>(?<=\\s)--?[A-Za-z0-9][\\w.=-]*)"
                    + "|(?<WORD>[^\\s|;&<>'\"$]+)");

    private CommandHighlighter() {
    }

    public static StyleSpans<Collection<String>> highlight(String text) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        Matcher m = TOKENS.matcher(text);
        int last = 0;
        boolean expectCommand = true;
        while (m.find()) {
            spans.add(Collections.emptyList(), m.start() - last);
            String style;
            if (m.group("COMMENT") != null) {
                style = "sh-comment";
            } else if (m.group("STRING") != null) {
                style = "sh-string";
                expectCommand = false;
            } else if (m.group("VARIABLE") != null) {
                style = "sh-variable";
                expectCommand = m.group().equals("$(");
            } else if (m.group("OPERATOR") != null) {
                style = "sh-operator";
                expectCommand = !m.group().startsWith(">") && !m.group().equals("<");
            } else if (m.group("FLAG") != null) {
                style = "sh-flag";
            } else if (expectCommand && !m.group().contains("=")) {
                style = "sh-command";
                expectCommand = m.group().equals("sudo") || m.group().equals("watch") || m.group().equals("time");
            } else {
                style = "sh-word";
                expectCommand = expectCommand && m.group().contains("=");
            }
            spans.add(Collections.singleton(style), m.end() - m.start());
            last = m.end();
        }
        spans.add(Collections.emptyList(), text.length() - last);
        return spans.create();
    }
}
