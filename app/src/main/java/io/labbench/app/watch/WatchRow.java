package io.labbench.app.watch;

import io.labbench.watch.panel.RowView;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One table row that keeps its identity (the snapshot row's key) across refreshes. The table's items
 * stay the same objects and only a changed row's value is set: replacing items made the table rebuild
 * every visible cell, which re-attached each counter's graphic and re-applied CSS to all of them, the
 * biggest cost of a panel refreshing every second.
 */
final class WatchRow {

    private final String key;
    private final ReadOnlyObjectWrapper<RowView> row;

    WatchRow(RowView initial) {
        this.key = initial.key();
        this.row = new ReadOnlyObjectWrapper<>(initial);
    }

    String key() {
        return key;
    }

    RowView row() {
        return row.get();
    }

    ReadOnlyObjectProperty<RowView> rowProperty() {
        return row.getReadOnlyProperty();
    }

    void set(RowView next) {
        row.set(next);
    }
}
