package io.labbench.labmodel.eval;

import io.labbench.netparse.snapshot.Row;
import java.util.List;
import java.util.OptionalLong;

/** Sums a counter column, reading iptables' rounded forms (13K, 4M) as well as exact numbers. */
public final class Counters {
    private Counters() {
    }

    public static OptionalLong sum(List<Row> rows, String column) {
        long total = 0;
        boolean any = false;
        for (Row row : rows) {
            OptionalLong value = RowFilter.cell(row, column).map(Counters::parse).orElse(OptionalLong.empty());
            if (value.isPresent()) {
                total += value.getAsLong();
                any = true;
            }
        }
        return any ? OptionalLong.of(total) : OptionalLong.empty();
    }

    static OptionalLong parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return OptionalLong.empty();
        }
        long multiplier = switch (t.charAt(t.length() - 1)) {
            case 'K' -> 1_000L;
            case 'M' -> 1_000_000L;
            case 'G' -> 1_000_000_000L;
            case 'T' -> 1_000_000_000_000L;
            default -> 1L;
        };
        String digits = multiplier == 1 ? t : t.substring(0, t.length() - 1);
        try {
            return OptionalLong.of(Long.parseLong(digits) * multiplier);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
