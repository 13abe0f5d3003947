package io.labbench.app.ui.terminal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The terminal area's logic: the 2x2 grid (in its current order), the extra tabs, which pane has focus,
 * which one is maximised, and the broadcast group. The view only mirrors this; keyboard shortcuts
 * call it directly.
 */
public final class TerminalAreaViewModel {

    /** The grid holds four panes; further terminals open as tabs. */
    public static final int GRID_SIZE = 4;

    private final ObservableList<TerminalPaneViewModel> gridPanes = FXCollections.observableArrayList();
    private final ObservableList<TerminalPaneViewModel> tabPanes = FXCollections.observableArrayList();
    private final ObservableList<TerminalPaneViewModel> allPanes = FXCollections.observableArrayList(
            p -> new javafx.beans.Observable[] {p.broadcastMemberProperty(), p.stateProperty()});
    // Wrappers made once: an unmodifiable view listens weakly, so a fresh one per call would lose listeners.
    private final ObservableList<TerminalPaneViewModel> gridView = FXCollections.unmodifiableObservableList(gridPanes);
    private final ObservableList<TerminalPaneViewModel> tabView = FXCollections.unmodifiableObservableList(tabPanes);
    private final ObservableList<TerminalPaneViewModel> allView = FXCollections.unmodifiableObservableList(allPanes);
    private final ReadOnlyObjectWrapper<TerminalPaneViewModel> focused = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TerminalPaneViewModel> maximized = new ReadOnlyObjectWrapper<>();
    private final IntegerBinding broadcastCount;
    private final BooleanBinding broadcastOn;

    public TerminalAreaViewModel() {
        broadcastCount = Bindings.createIntegerBinding(
                () -> (int) allPanes.stream().filter(TerminalPaneViewModel::isBroadcastMember).count(), allPanes);
        broadcastOn = broadcastCount.greaterThan(0);
        focused.addListener((obs, old, now) -> {
            if (old != null) {
                old.setFocused(false);
            }
            if (now != null) {
                now.setFocused(true);
            }
        });
        maximized.addListener((obs, old, now) -> {
            if (old != null) {
                old.setMaximized(false);
            }
            if (now != null) {
                now.setMaximized(true);
            }
        });
    }

    /** Adds a pane: into the grid while it has room, otherwise as a tab. */
    public TerminalPaneViewModel open(String name) {
        Optional<TerminalPaneViewModel> existing = find(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        TerminalPaneViewModel pane = new TerminalPaneViewModel(name);
        if (gridPanes.size() < GRID_SIZE) {
            gridPanes.add(pane);
        } else {
            tabPanes.add(pane);
        }
        allPanes.setAll(ordered());
        if (focused.get() == null) {
            focused.set(pane);
        }
        return pane;
    }

    /** Forgets a pane (its terminal was closed). Focus moves to a neighbour. */
    public void close(TerminalPaneViewModel pane) {
        int index = allPanes.indexOf(pane);
        if (index < 0) {
            return;
        }
        pane.broadcastMemberProperty().set(false);
        gridPanes.remove(pane);
        tabPanes.remove(pane);
        // Keep the grid full: the first tab moves up into the free cell.
        if (gridPanes.size() < GRID_SIZE && !tabPanes.isEmpty()) {
            gridPanes.add(tabPanes.remove(0));
        }
        allPanes.setAll(ordered());
        if (maximized.get() == pane) {
            maximized.set(null);
        }
        if (focused.get() == pane) {
            focused.set(allPanes.isEmpty() ? null : allPanes.get(Math.min(index, allPanes.size() - 1)));
        }
    }

    private List<TerminalPaneViewModel> ordered() {
        List<TerminalPaneViewModel> result = new ArrayList<>(gridPanes);
        result.addAll(tabPanes);
        return result;
    }

    public ObservableList<TerminalPaneViewModel> gridPanes() {
        return gridView;
    }

    public ObservableList<TerminalPaneViewModel> tabPanes() {
        return tabView;
    }

    /** Grid panes in grid order, then tabs: the order next/previous walks. */
    public ObservableList<TerminalPaneViewModel> allPanes() {
        return allView;
    }

    public Optional<TerminalPaneViewModel> find(String name) {
        return allPanes.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public ReadOnlyObjectProperty<TerminalPaneViewModel> focusedProperty() {
        return focused.getReadOnlyProperty();
    }

    public Optional<TerminalPaneViewModel> focused() {
        return Optional.ofNullable(focused.get());
    }

    public void focus(TerminalPaneViewModel pane) {
        if (allPanes.contains(pane)) {
            focused.set(pane);
            // Focusing a pane hidden behind a maximised one brings it to the front instead.
            if (maximized.get() != null && maximized.get() != pane) {
                maximized.set(pane);
            }
        }
    }

    public void focusNext() {
        step(1);
    }

    public void focusPrevious() {
        step(-1);
    }

    private void step(int delta) {
        if (allPanes.isEmpty()) {
            return;
        }
        int index = focused.get() == null ? -1 : allPanes.indexOf(focused.get());
        int next = Math.floorMod(index + delta, allPanes.size());
        focus(allPanes.get(next));
    }

    public ReadOnlyObjectProperty<TerminalPaneViewModel> maximizedProperty() {
        return maximized.getReadOnlyProperty();
    }

    public Optional<TerminalPaneViewModel> maximized() {
        return Optional.ofNullable(maximized.get());
    }

    /** Maximises the focused pane, or restores the layout when one is maximised. */
    public void toggleMaximize() {
        if (maximized.get() != null) {
            maximized.set(null);
        } else {
            focused().ifPresent(maximized::set);
        }
    }

    public void toggleMaximize(TerminalPaneViewModel pane) {
        focus(pane);
        maximized.set(maximized.get() == pane ? null : pane);
    }

    /** Swaps two grid cells (drag and drop in the grid); a tab dropped on a cell takes its place. */
    public void move(TerminalPaneViewModel dragged, TerminalPaneViewModel target) {
        if (dragged == target) {
            return;
        }
        int from = gridPanes.indexOf(dragged);
        int to = gridPanes.indexOf(target);
        if (to < 0) {
            return;
        }
        if (from >= 0) {
            List<TerminalPaneViewModel> order = new ArrayList<>(gridPanes);
            order.set(from, target);
            order.set(to, dragged);
            gridPanes.setAll(order);
        } else {
            int tab = tabPanes.indexOf(dragged);
            if (tab < 0) {
                return;
            }
            List<TerminalPaneViewModel> tabs = new ArrayList<>(tabPanes);
            tabs.set(tab, target);
            List<TerminalPaneViewModel> grid = new ArrayList<>(gridPanes);
            grid.set(to, dragged);
            gridPanes.setAll(grid);
            tabPanes.setAll(tabs);
        }
        allPanes.setAll(ordered());
    }

    public void toggleBroadcast(TerminalPaneViewModel pane) {
        pane.broadcastMemberProperty().set(!pane.isBroadcastMember());
    }

    /** Adds the focused pane to the broadcast group or takes it out. */
    public void toggleBroadcastOfFocused() {
        focused().ifPresent(this::toggleBroadcast);
    }

    /** Puts every grid pane in the broadcast group (the usual "type on all nodes" case). */
    public void broadcastToGrid() {
        gridPanes.forEach(p -> p.broadcastMemberProperty().set(true));
    }

    public void endBroadcast() {
        allPanes.forEach(p -> p.broadcastMemberProperty().set(false));
    }

    public BooleanBinding broadcastOnProperty() {
        return broadcastOn;
    }

    public IntegerBinding broadcastCountProperty() {
        return broadcastCount;
    }

    /**
     * Where input typed into {@code source} must also go: the other broadcast members when the source
     * is one of them, nothing otherwise (typing in a non-member never leaks into the group).
     */
    public List<TerminalPaneViewModel> broadcastPeers(TerminalPaneViewModel source) {
        if (!source.isBroadcastMember()) {
            return List.of();
        }
        return allPanes.stream().filter(p -> p != source && p.isBroadcastMember()).toList();
    }

    /** Names of the open terminals, grid first, for restoring them next time. */
    public List<String> openNames() {
        return allPanes.stream().map(TerminalPaneViewModel::name).toList();
    }
}
