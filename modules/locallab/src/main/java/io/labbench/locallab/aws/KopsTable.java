package io.labbench.locallab.aws;

import java.util.ArrayList;
import java.util.List;

/**
 * kOps's tables: Go's {@code tabwriter} with tab padding (min width 0, tab width 8, padding 1), so
 * columns line up on tab stops in a terminal exactly as the real command's do.
 */
final class KopsTable {

    private final List<List<String>> rows = new ArrayList<>();

    KopsTable(String... header) {
        rows.add(List.of(header));
    }

    KopsTable row(Object... cells) {
        rows.add(java.util.Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    @Override
    public String toString() {
        int columns = rows.get(0).size();
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns - 1; c++) {
                width[c] = Math.max(width[c], row.get(c).length() + 1);
            }
        }
        for (int c = 0; c < columns - 1; c++) {
            width[c] = (width[c] + 7) / 8 * 8;
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                String cell = row.get(c);
                out.append(cell);
                if (c < columns - 1) {
                    out.append("\t".repeat((width[c] - cell.length() + 7) / 8));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }
}
