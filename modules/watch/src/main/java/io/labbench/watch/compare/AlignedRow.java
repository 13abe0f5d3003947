package io.labbench.watch.compare;

import io.labbench.netparse.snapshot.Row;
import java.util.List;
import java.util.Optional;

/**
 * One row identity across two nodes: present on the left, the right or both; {@code differingColumns}
 * names the text columns whose values differ when it is on both sides.
 */
public record AlignedRow(String key, Optional<Row> left, Optional<Row> right, List<String> differingColumns) {
    public AlignedRow {
        differingColumns = List.copyOf(differingColumns);
    }

    public boolean onBoth() {
        return left.isPresent() && right.isPresent();
    }

    public boolean same() {
        return onBoth() && differingColumns.isEmpty();
    }
}
