package io.labbench.labmodel.eval;

import io.labbench.netparse.snapshot.Row;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rows whose cells fully match regex conditions. Column names match without regard to case
 * ({@code status} finds kubectl's {@code STATUS}); conditions already have variables substituted.
 */
public record RowFilter(Map<String, Pattern> conditions) {

    public static RowFilter of(Map<String, String> regexes) {
        return new RowFilter(regexes.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Pattern.compile(e.getValue()))));
    }

    public boolean matches(Row row) {
        for (Map.Entry<String, Pattern> condition : conditions.entrySet()) {
            Optional<String> cell = cell(row, condition.getKey());
            if (cell.isEmpty() || !condition.getValue().matcher(cell.get()).matches()) {
                return false;
            }
        }
        return true;
    }

    public List<Row> select(List<Row> rows) {
        return rows.stream().filter(this::matches).toList();
    }

    public static Optional<String> cell(Row row, String column) {
        if (row.cells().containsKey(column)) {
            return Optional.of(row.cells().get(column));
        }
        String wanted = column.toLowerCase(Locale.ROOT);
        return row.cells().entrySet().stream().filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(wanted))
                .map(Map.Entry::getValue).findFirst();
    }

    public String describe() {
        return conditions.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().pattern())
                .sorted().collect(Collectors.joining(", "));
    }
}
