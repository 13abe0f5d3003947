package io.labbench.watch.panel;

import java.util.List;
import java.util.Optional;

/**
 * One table row as shown; {@code markAge} counts refreshes since the row appeared (for NEW).
 * {@code cells} are in the order of {@link PanelState#columns()}, so views can read them by index.
 */
public record RowView(String key, RowMark mark, int markAge, List<CellView> cells) {
    public RowView {
        cells = List.copyOf(cells);
    }

    public Optional<CellView> cell(String column) {
        for (CellView cell : cells) {
            if (cell.column().equals(column)) {
                return Optional.of(cell);
            }
        }
        return Optional.empty();
    }

    /** The cell of column {@code index} of the state's columns. */
    public CellView cellAt(int index) {
        return cells.get(index);
    }

    public String value(String column) {
        return cell(column).map(CellView::value).orElse("");
    }
}
