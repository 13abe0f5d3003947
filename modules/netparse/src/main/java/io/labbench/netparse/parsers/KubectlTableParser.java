package io.labbench.netparse.parsers;

import io.labbench.netparse.KubectlTableResult;
import io.labbench.netparse.text.InputLines;
import io.labbench.netparse.text.Line;
import io.labbench.netparse.text.Tokens;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code kubectl get} tables ({@code -o wide}, {@code custom-columns}, {@code -A}). kubectl aligns
 * columns with at least three spaces and header names may hold one space ({@code NOMINATED NODE}), so the
 * header is split at runs of two or more blanks and each cell is the text under its header; cells may hold
 * spaces ({@code 1 (5m ago)}). A blank line followed by a new header starts another table
 * ({@code kubectl get svc,ep}); rows keep their own table's columns.
 */
public final class KubectlTableParser {
    private KubectlTableParser() {
    }

    public static KubectlTableResult parse(String text) {
        return parse(InputLines.of(text));
    }

    public static KubectlTableResult parse(List<Line> lines) {
        Diagnostics diagnostics = new Diagnostics();
        Set<String> allColumns = new LinkedHashSet<>();
        List<Map<String, String>> rows = new ArrayList<>();
        Header header = null;
        boolean afterBlank = true;
        Tokens t = new Tokens();
        for (Line line : lines) {
            String text = line.text();
            if (text.isBlank()) {
                afterBlank = true;
                continue;
            }
            if (text.startsWith("No resources found")) {
                continue;
            }
            if ((header == null || afterBlank) && isHeader(text)) {
                header = Header.of(text);
                allColumns.addAll(header.names);
                afterBlank = false;
                continue;
            }
            afterBlank = false;
            if (header == null) {
                diagnostics.unexpected(line.number(), text, "a header line of column names like 'NAME   READY   STATUS'");
                continue;
            }
            Map<String, String> row = header.cells(text, t);
            if (row == null) {
                diagnostics.unexpected(line.number(), text, header.names.size() + " columns under " + header.names);
            } else {
                rows.add(row);
            }
        }
        return new KubectlTableResult(new ArrayList<>(allColumns), rows, diagnostics.list());
    }

    /** A header has only upper-case names (custom-columns names are usually upper case too). */
    static boolean isHeader(String text) {
        boolean letter = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z') {
                return false;
            }
            if (c >= 'A' && c <= 'Z') {
                letter = true;
            } else if (c != ' ' && c != '-' && c != '_' && c != '(' && c != ')' && c != '.' && c != '/'
                    && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return letter && (text.startsWith("NAME") || text.startsWith("NAMESPACE") || text.contains("  "));
    }

    /** Column names and where each starts. */
    private record Header(List<String> names, int[] starts) {
        static Header of(String text) {
            List<String> names = new ArrayList<>();
            List<Integer> starts = new ArrayList<>();
            int i = 0;
            int n = text.length();
            while (i < n) {
                while (i < n && text.charAt(i) == ' ') {
                    i++;
                }
                if (i >= n) {
                    break;
                }
                int s = i;
                while (i < n && !(text.charAt(i) == ' ' && (i + 1 >= n || text.charAt(i + 1) == ' '))) {
                    i++;
                }
                names.add(text.substring(s, i));
                starts.add(s);
            }
            return new Header(names, starts.stream().mapToInt(Integer::intValue).toArray());
        }

        /** Cells by position; falls back to words when a word crosses a column edge (misaligned line). */
        Map<String, String> cells(String text, Tokens t) {
            Map<String, String> row = new LinkedHashMap<>();
            boolean aligned = true;
            for (int c = 1; c < starts.length; c++) {
                int edge = starts[c];
                if (edge < text.length() && edge > 0 && text.charAt(edge - 1) != ' ' && text.charAt(edge) != ' ') {
                    aligned = false;
                    break;
                }
            }
            if (aligned) {
                for (int c = 0; c < starts.length; c++) {
                    int from = Math.min(starts[c], text.length());
                    int to = c + 1 < starts.length ? Math.min(starts[c + 1], text.length()) : text.length();
                    row.put(names.get(c), text.substring(from, to).strip());
                }
                return row;
            }
            t.of(text);
            if (t.size() != names.size()) {
                return null;
            }
            for (int c = 0; c < names.size(); c++) {
                row.put(names.get(c), t.get(c));
            }
            return row;
        }
    }
}
