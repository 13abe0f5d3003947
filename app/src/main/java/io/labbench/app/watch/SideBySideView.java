package io.labbench.app.watch;

import io.labbench.netparse.snapshot.Column;
import io.labbench.netparse.snapshot.Row;
import io.labbench.netparse.snapshot.Snapshot;
import io.labbench.watch.compare.AlignedRow;
import io.labbench.watch.compare.SideBySide;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/**
 * The same watch on two nodes in one table, rows aligned by identity: each column shows both nodes'
 * values, cells that differ are highlighted, rows one node lacks are marked. Follows both panels'
 * refreshes; owns (and closes) their view-models.
 */
public final class SideBySideView extends BorderPane implements AutoCloseable {

    private final WatchPanelViewModel left;
    private final WatchPanelViewModel right;
    private final TableView<AlignedRow> table = new TableView<>();
    private final Label summary = new Label();
    private List<String> shownColumns = List.of();

    public SideBySideView(WatchPanelViewModel left, WatchPanelViewModel right) {
        this.left = left;
        this.right = right;
        getStyleClass().addAll("watch-panel", "watch-side");
        getStylesheets().add(WatchStyles.stylesheet());
        table.setId("watch-side-table");
        table.setPlaceholder(new Label("Waiting for both nodes"));
        Label title = new Label(left.definition().command() + " — " + left.definition().endpoint() + " | "
                + right.definition().endpoint());
        title.setStyle("-fx-font-family: monospace;");
        BorderPane top = new BorderPane();
        top.setLeft(title);
        top.setRight(summary);
        top.setPadding(new Insets(4));
        setTop(top);
        setCenter(table);
        left.stateProperty().addListener((obs, old, now) -> refresh());
        right.stateProperty().addListener((obs, old, now) -> refresh());
    }

    public void start() {
        left.start(false);
        right.start(false);
    }

    /** The watch on the left-hand node, as it would be saved. */
    public io.labbench.watch.WatchDefinition leftDefinition() {
        return left.definition();
    }

    public String rightEndpoint() {
        return right.definition().endpoint();
    }

    TableView<AlignedRow> table() {
        return table;
    }

    private void refresh() {
        Optional<Snapshot> l = left.model().shownSnapshot();
        Optional<Snapshot> r = right.model().shownSnapshot();
        if (l.isEmpty() || r.isEmpty()) {
            return;
        }
        List<AlignedRow> rows = SideBySide.align(l.get(), r.get());
        List<String> columns = columnsWithValues(l.get(), r.get());
        if (!columns.equals(shownColumns)) {
            rebuildColumns(columns);
        }
        table.getItems().setAll(rows);
        long same = rows.stream().filter(AlignedRow::same).count();
        long onlyLeft = rows.stream().filter(a -> a.right().isEmpty()).count();
        long onlyRight = rows.stream().filter(a -> a.left().isEmpty()).count();
        summary.setText(same + " same · " + (rows.size() - same - onlyLeft - onlyRight) + " differ · "
                + onlyLeft + " only on " + left.definition().endpoint() + " · " + onlyRight + " only on "
                + right.definition().endpoint());
    }

    private void rebuildColumns(List<String> columns) {
        shownColumns = columns;
        List<TableColumn<AlignedRow, ?>> built = new ArrayList<>();
        for (String name : columns) {
            TableColumn<AlignedRow, String> group = new TableColumn<>(name);
            group.getColumns().add(side(name, left.definition().endpoint(), true));
            group.getColumns().add(side(name, right.definition().endpoint(), false));
            built.add(group);
        }
        table.getColumns().setAll(built);
    }

    private static TableColumn<AlignedRow, AlignedRow> side(String column, String endpoint, boolean isLeft) {
        TableColumn<AlignedRow, AlignedRow> tableColumn = new TableColumn<>(endpoint);
        tableColumn.setCellValueFactory(data -> new ReadOnlyObjectWrapper<>(data.getValue()));
        tableColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(AlignedRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("watch-differs", "watch-missing");
                if (empty || row == null) {
                    setText(null);
                    return;
                }
                Optional<Row> mine = isLeft ? row.left() : row.right();
                if (mine.isEmpty()) {
                    setText("—");
                    getStyleClass().add("watch-missing");
                    return;
                }
                setText(mine.get().cell(column));
                if (row.differingColumns().contains(column)) {
                    getStyleClass().add("watch-differs");
                }
            }
        });
        tableColumn.setPrefWidth(Math.max(80, column.length() * 8 + 20));
        return tableColumn;
    }

    private static List<String> columnsWithValues(Snapshot l, Snapshot r) {
        Set<String> names = new LinkedHashSet<>();
        for (Snapshot snapshot : List.of(l, r)) {
            for (Column column : snapshot.columns()) {
                if (snapshot.rows().stream().anyMatch(row -> !row.cell(column.name()).isEmpty())) {
                    names.add(column.name());
                }
            }
        }
        return List.copyOf(names);
    }

    @Override
    public void close() {
        left.close();
        right.close();
    }
}
