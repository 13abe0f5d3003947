package io.labbench.netparse.parsers;

import io.labbench.netparse.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what a parser could not read. Capped, so that a megabyte of garbage yields a bounded report
 * (the last entry says how many more were dropped) instead of a diagnostic per line.
 */
final class Diagnostics {
    static final int LIMIT = 200;
    private final List<Diagnostic> list = new ArrayList<>();
    private int dropped;

    void add(int line, String message) {
        if (list.size() < LIMIT) {
            list.add(new Diagnostic(line, message));
        } else {
            dropped++;
        }
    }

    /** Reports a line that does not look like what the parser expects, quoting its start. */
    void unexpected(int line, String text, String expected) {
        add(line, "cannot read '" + quote(text) + "': expected " + expected);
    }

    void addAll(List<Diagnostic> more) {
        for (Diagnostic d : more) {
            add(d.line(), d.message());
        }
    }

    List<Diagnostic> list() {
        if (dropped == 0) {
            return list;
        }
        List<Diagnostic> all = new ArrayList<>(list);
        all.add(new Diagnostic(list.get(list.size() - 1).line(), dropped + " more lines could not be read"));
        return all;
    }

    static String quote(String text) {
        String t = text.strip();
        return t.length() <= 60 ? t : t.substring(0, 57) + "...";
    }
}
