package io.labbench.packetpath.netfilter;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an {@code iptables -S} rule into words the way the shell would ({@code --comment "AWS, SNAT"} is one
 * word). Runs once per rule of every reading, so plain words are cut out with {@code substring} and only a word
 * with quotes is copied character by character.
 */
final class RuleWords {
    private RuleWords() {
    }

    static List<String> split(String spec) {
        List<String> words = new ArrayList<>(16);
        int n = spec.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(spec.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && spec.charAt(i) != '"' && !Character.isWhitespace(spec.charAt(i))) {
                i++;
            }
            if (i >= n || spec.charAt(i) != '"') {
                words.add(spec.substring(start, i));
                continue;
            }
            i = quotedWord(spec, start, words);
        }
        return words;
    }

    /** A word from {@code start} that holds quotes: copies it without them, unescaping inside; returns where it ends. */
    private static int quotedWord(String spec, int start, List<String> words) {
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        int i = start;
        int n = spec.length();
        for (; i < n; i++) {
            char c = spec.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < n) {
                    w.append(spec.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    w.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (Character.isWhitespace(c)) {
                break;
            } else {
                w.append(c);
            }
        }
        words.add(w.toString());
        return i;
    }
}
