package io.labbench.app.watch;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One pane of the watch dock: its tabs in order and the one shown. Read-only from outside; the
 * {@link WatchDockModel} changes it.
 */
public final class DockPaneModel {

    private final ObservableList<DockedWatch> watches = FXCollections.observableArrayList();
    private final ObservableList<DockedWatch> watchesView = FXCollections.unmodifiableObservableList(watches);
    private final ReadOnlyObjectWrapper<DockedWatch> selected = new ReadOnlyObjectWrapper<>();

    public ObservableList<DockedWatch> watches() {
        return watchesView;
    }

    public ReadOnlyObjectProperty<DockedWatch> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public DockedWatch selected() {
        return selected.get();
    }

    int selectedIndex() {
        return Math.max(0, watches.indexOf(selected.get()));
    }

    void add(DockedWatch watch) {
        watches.add(watch);
    }

    void select(DockedWatch watch) {
        if (watch == null || watches.contains(watch)) {
            selected.set(watch);
        }
    }

    /** Removes {@code watch}; a neighbour becomes the shown tab when it was. */
    void remove(DockedWatch watch) {
        int index = watches.indexOf(watch);
        if (index < 0) {
            return;
        }
        watches.remove(index);
        if (selected.get() == watch) {
            selected.set(watches.isEmpty() ? null : watches.get(Math.min(index, watches.size() - 1)));
        }
    }

    boolean contains(DockedWatch watch) {
        return watches.contains(watch);
    }

    @Override
    public String toString() {
        return "DockPane" + watches.stream().map(DockedWatch::key).toList();
    }
}
