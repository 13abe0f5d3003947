package io.labbench.watch.export;

import java.util.ArrayList;
import java.util.List;

/** Writes a header and rows as an aligned text table or a Markdown table. */
final class TableWriter {

    private TableWriter() {
    }

    static String write(ExportFormat format, List<String> header, List<List<String>> rows) {
        return format == ExportFormat.MARKDOWN ? markdown(header, rows) : text(header, rows);
    }

    private static String text(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            widths[c] = header.get(c).length();
        }
        for (List<String> row : rows) {
            for (int c = 0; c < header.size(); c++) {
                widths[c] = Math.max(widths[c], cell(row, c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String value = cell(row, c);
            line.append(value);
            if (c < widths.length - 1) {
                line.append(" ".repeat(widths[c] - value.length() + 2));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String markdown(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        out.append(mdRow(header));
        List<String> rule = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            rule.add("---");
        }
        out.append(mdRow(rule));
        for (List<String> row : rows) {
            List<String> padded = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                padded.add(cell(row, c));
            }
            out.append(mdRow(padded));
        }
        return out.toString();
    }

    private static String mdRow(List<String> cells) {
        StringBuilder out = new StringBuilder("|");
        for (String cell : cells) {
            out.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        return out.append('\n').toString();
    }

    private static String cell(List<String> row, int c) {
        return c < row.size() ? row.get(c) : "";
    }
}
