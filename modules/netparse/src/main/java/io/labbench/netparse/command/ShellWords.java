package io.labbench.netparse.command;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line cut into simple commands ({@code ;}, {@code &&}, {@code ||}, {@code |}, {@code &},
 * newlines, parentheses and backquotes end one) and those into words. Quotes only separate words: a
 * command quoted for {@code sh -c '…'}, {@code watch "…"} or {@code kubectl exec … -- sh -c "…"} is then
 * read like the command itself, which is what a listing's table is looked for in. A backslash keeps the
 * character after it, and a backslash before a newline joins the lines.
 */
final class ShellWords {
    private ShellWords() {
    }

    /** The simple commands of {@code line}, each a list of words; empty commands are left out. */
    static List<List<String>> commands(String line) {
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                i++;
                if (line.charAt(i) != '\n') {
                    word.append(line.charAt(i));
                } else {
                    endWord(word, words);
                }
            } else if (c == ';' || c == '|' || c == '&' || c == '\n' || c == '\r' || c == '(' || c == ')' || c == '`') {
                endWord(word, words);
                if (!words.isEmpty()) {
                    commands.add(List.copyOf(words));
                    words.clear();
                }
            } else if (Character.isWhitespace(c) || c == '\'' || c == '"') {
                endWord(word, words);
            } else {
                word.append(c);
            }
        }
        endWord(word, words);
        if (!words.isEmpty()) {
            commands.add(List.copyOf(words));
        }
        return commands;
    }

    private static void endWord(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}
