package io.labbench.app.ui.terminal;

import io.labbench.app.terminals.TerminalLink;
import io.labbench.app.terminals.TerminalLinkFactory;
import io.labbench.app.terminals.TerminalRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
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
 * which one is maximised, and the broadcast group. Opening a pane opens its session in the
 * {@link TerminalRegistry} and closing it ends it; the view only mirrors this (it puts a widget on
 * each pane's {@link TerminalPaneViewModel#linkProperty() session}); keyboard shortcuts call it directly.
 */
public final class TerminalAreaViewModel {

    private static final TerminalLinkFactory NO_LINKS = new TerminalLinkFactory() {
        @Override
        public List<String> knownNames() {
            return List.of();
        }

        @Override
        public TerminalLink open(String name, int columns, int rows, TerminalLink.StateListener listener)
                throws IOException {
            throw new IOException("this terminal area has no sessions to open " + name + " on");
        }
    };

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

    private final TerminalRegistry sessions;
    private final Executor fx;

    /** An area whose panes never connect (tests of layout, focus and broadcast). */
    public TerminalAreaViewModel() {
        this(new TerminalRegistry(NO_LINKS, Runnable::run), Runnable::run);
    }

    /**
     * @param sessions opens and ends the panes' sessions; the lab wizard types through it too, and
     *                 terminals it is asked to show open here as panes
     * @param fx       where connection news reaches the panes (the JavaFX thread in the app)
     */
    public TerminalAreaViewModel(TerminalRegistry sessions, Executor fx) {
        this.sessions = sessions;
        this.fx = fx;
        sessions.onShow(name -> focus(open(name)));
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
        connect(pane, sessions.open(name, listenerFor(pane)));
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

    private TerminalLink.StateListener listenerFor(TerminalPaneViewModel pane) {
        return (state, message) -> fx.execute(() -> pane.updateState(state, message));
    }

    /** The pane shows the session once it is connected (unless a newer one replaced it meanwhile). */
    private void connect(TerminalPaneViewModel pane, CompletableFuture<TerminalLink> link) {
        pane.attach(null);
        link.thenAccept(connected -> fx.execute(() -> {
            if (sessions.link(pane.name()).orElse(null) == connected && allPanes.contains(pane)) {
                pane.attach(connected);
            }
        }));
    }

    /**
     * The banner's Reconnect: a dropped session reconnects in place (the scrollback stays); a session
     * whose shell exited is replaced by a fresh one in the same pane.
     */
    public void reconnect(TerminalPaneViewModel pane) {
        if (allPanes.contains(pane) && !sessions.reconnect(pane.name())) {
            connect(pane, sessions.reopen(pane.name()));
        }
    }

    /**
     * Gives the matching panes fresh sessions in the same places (the old ones are gone, e.g. after the
     * local lab re-rolled its nodes); their scrollback goes with the old machines.
     */
    public void reopen(Predicate<String> names) {
        for (TerminalPaneViewModel pane : List.copyOf(allPanes)) {
            if (names.test(pane.name())) {
                connect(pane, sessions.reopen(pane.name()));
            }
        }
    }

    /** The sessions behind the panes (the lab wizard types through them). */
    public TerminalRegistry sessions() {
        return sessions;
    }

    /** Forgets a pane (its terminal was closed) and ends its session. Focus moves to a neighbour. */
    public void close(TerminalPaneViewModel pane) {
        int index = allPanes.indexOf(pane);
        if (index < 0) {
            return;
        }
        sessions.close(pane.name());
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
