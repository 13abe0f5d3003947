package io.labbench.packetpath.netfilter;

import java.util.ArrayList;
import java.util.List;

/** Splits an {@code iptables -S} rule into words the way the shell would ({@code --comment "AWS, SNAT"} is one word). */
final class RuleWords {
    private RuleWords() {
    }

    static List<String> split(String spec) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < spec.length()) {
                    w.append(spec.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    w.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }
}
