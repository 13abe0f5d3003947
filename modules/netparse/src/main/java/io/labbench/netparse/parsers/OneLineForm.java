package io.labbench.netparse.parsers;

import java.util.List;

/**
 * iproute2's {@code -o} form joins what would be several lines with a backslash; this splits them back,
 * continuation parts keeping a leading blank so they read as detail lines.
 */
final class OneLineForm {
    private OneLineForm() {
    }

    static List<String> parts(String line) {
        int slash = line.indexOf('\\');
        if (slash < 0) {
            return List.of(line);
        }
        String[] pieces = line.split("\\\\", -1);
        java.util.ArrayList<String> out = new java.util.ArrayList<>(pieces.length);
        out.add(pieces[0]);
        for (int i = 1; i < pieces.length; i++) {
            out.add(" " + pieces[i]);
        }
        return out;
    }
}
