package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.TtyConnector;
import io.labbench.app.terminals.TerminalLink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The centre of the window: a "Nodes" tab with the 2x2 grid of terminals and one tab per further
 * terminal (kubectl, pod shells). It mirrors {@link TerminalAreaViewModel}: opening, closing,
 * maximising, rearranging and focus all start in the view-model.
 */
public final class TerminalAreaView extends StackPane {

    private final TerminalAreaViewModel area;
    private final TerminalSettings settings;
    private final Map<TerminalPaneViewModel, OpenTerminal> terminals = new LinkedHashMap<>();
    private final Map<TerminalPaneViewModel, TerminalPaneView> views = new LinkedHashMap<>();
    private final Map<TerminalPaneViewModel, Tab> tabs = new LinkedHashMap<>();
    private final GridPane grid = new GridPane();
    private final TabPane tabPane = new TabPane();
    private final Tab nodesTab = new Tab("Nodes");
    private boolean relayingOut;

    public TerminalAreaView(TerminalAreaViewModel area, TerminalSettings settings) {
        this.area = area;
        this.settings = settings;
        getStyleClass().add("terminal-area");
        setId("terminal-area");

        for (int i = 0; i < 2; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(50);
            column.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(column);
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(50);
            row.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(row);
        }
        grid.setHgap(4);
        grid.setVgap(4);
        grid.getStyleClass().add("terminal-grid");
        grid.setMinSize(0, 0);

        nodesTab.setClosable(false);
        nodesTab.setGraphic(new FontIcon(Feather.GRID));
        nodesTab.setContent(grid);
        tabPane.getTabs().add(nodesTab);
        tabPane.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        tabPane.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && now != nodesTab) {
                tabs.entrySet().stream().filter(e -> e.getValue() == now).findFirst()
                        .ifPresent(e -> area.focus(e.getKey()));
            }
        });
        getChildren().add(tabPane);

        area.allPanes().addListener((ListChangeListener<TerminalPaneViewModel>) c -> sync());
        area.maximizedProperty().addListener((obs, old, now) -> layoutGrid());
        area.focusedProperty().addListener((obs, old, now) -> bringForward(now));
        area.allPanes().addListener((ListChangeListener<TerminalPaneViewModel>) c -> updateBroadcastPeers());
        sync();
    }

    private void sync() {
        for (TerminalPaneViewModel pane : area.allPanes()) {
            if (!terminals.containsKey(pane)) {
                attach(pane);
            }
        }
        for (TerminalPaneViewModel gone : new ArrayList<>(terminals.keySet())) {
            if (!area.allPanes().contains(gone)) {
                terminals.remove(gone).close();
                views.remove(gone);
            }
        }
        syncTabs();
        layoutGrid();
    }

    private void attach(TerminalPaneViewModel pane) {
        OpenTerminal terminal = new OpenTerminal(pane, settings);
        terminals.put(pane, terminal);
        views.put(pane, new TerminalPaneView(pane, terminal.widget(), area, () -> area.reconnect(pane), () -> !relayingOut));
        if (pane.linkProperty().get() != null) {
            show(pane, pane.linkProperty().get());
        }
        pane.linkProperty().addListener((obs, old, now) -> {
            if (now != null && terminals.containsKey(pane)) {
                show(pane, now);
            }
        });
    }

    /**
     * Puts the pane's widget on its session. A pane that gets a new session (its shell exited, or the
     * lab re-rolled the machine) gets a new widget in the same place: the old scrollback belongs to
     * the old machine.
     */
    private void show(TerminalPaneViewModel pane, TerminalLink link) {
        OpenTerminal terminal = terminals.get(pane);
        if (terminal.link().isPresent()) {
            if (terminal.link().get() == link) {
                return;
            }
            boolean focused = area.focused().filter(pane::equals).isPresent();
            terminals.remove(pane).close();
            views.remove(pane);
            terminal = new OpenTerminal(pane, settings);
            terminals.put(pane, terminal);
            views.put(pane, new TerminalPaneView(pane, terminal.widget(), area, () -> area.reconnect(pane), () -> !relayingOut));
            syncTabs();
            layoutGrid();
            if (focused) {
                bringForward(pane);
            }
        }
        terminal.start(link);
        updateBroadcastPeers();
    }

    private void syncTabs() {
        for (TerminalPaneViewModel pane : area.tabPanes()) {
            tabs.computeIfAbsent(pane, p -> {
                Tab tab = new Tab(p.name());
                tab.setGraphic(new FontIcon(Feather.TERMINAL));
                tab.setOnClosed(e -> area.close(p));
                tabPane.getTabs().add(tab);
                return tab;
            }).setContent(views.get(pane));
        }
        for (TerminalPaneViewModel pane : new ArrayList<>(tabs.keySet())) {
            if (!area.tabPanes().contains(pane)) {
                Tab tab = tabs.remove(pane);
                tab.setContent(null);
                tabPane.getTabs().remove(tab);
            }
        }
    }

    private void layoutGrid() {
        // Taking the focused terminal out of the scene moves keyboard focus to another pane, whose
        // focus listener would then steal the selection: keep the focused pane and give it back after.
        Optional<TerminalPaneViewModel> keep = area.focused();
        relayingOut = true;
        try {
            placeGridPanes();
        } finally {
            relayingOut = false;
        }
        keep.ifPresent(pane -> {
            area.focus(pane);
            bringForward(pane);
        });
    }

    /**
     * Places the grid panes without taking them out of the scene (that would lose keyboard focus and
     * the widget's size): a maximised pane spans all four cells and the others are hidden.
     */
    private void placeGridPanes() {
        List<TerminalPaneViewModel> panes = area.gridPanes();
        List<TerminalPaneView> wanted = panes.stream().map(views::get).toList();
        grid.getChildren().retainAll(wanted);
        for (TerminalPaneView view : wanted) {
            if (!grid.getChildren().contains(view)) {
                grid.getChildren().add(view);
            }
        }
        Optional<TerminalPaneViewModel> maximized = area.maximized().filter(panes::contains);
        for (int i = 0; i < panes.size(); i++) {
            TerminalPaneView view = wanted.get(i);
            boolean shown = maximized.map(panes.get(i)::equals).orElse(true);
            view.setVisible(shown);
            view.setManaged(shown);
            if (maximized.isPresent()) {
                GridPane.setConstraints(view, 0, 0, 2, 2);
            } else {
                GridPane.setConstraints(view, i % 2, i / 2, 1, 1);
            }
        }
    }

    private void bringForward(TerminalPaneViewModel pane) {
        if (pane == null) {
            return;
        }
        Tab tab = tabs.get(pane);
        tabPane.getSelectionModel().select(tab == null ? nodesTab : tab);
        TerminalPaneView view = views.get(pane);
        if (view != null) {
            view.focusTerminal();
        }
    }

    /** Every member of the broadcast group sends its input to the other members' connectors. */
    private void updateBroadcastPeers() {
        for (OpenTerminal terminal : terminals.values()) {
            List<TtyConnector> peers = area.broadcastPeers(terminal.model()).stream()
                    .map(terminals::get)
                    .filter(java.util.Objects::nonNull)
                    .flatMap(t -> t.ownConnector().stream())
                    .toList();
            terminal.setBroadcastPeers(peers);
        }
    }

    public Optional<OpenTerminal> terminal(String name) {
        return area.find(name).map(terminals::get);
    }

    public List<OpenTerminal> terminals() {
        return List.copyOf(terminals.values());
    }

    /** Re-reads the font from the settings in every terminal (zoom). */
    public void applyFont() {
        terminals.values().forEach(t -> t.widget().applyFont());
    }

    /** Redraws every terminal (theme switch changes their colours). */
    public void repaint() {
        terminals.values().forEach(t -> t.widget().getTerminalPanel().repaint());
    }

    /** Runs a widget action ("Find", "Copy", "Paste") in the focused terminal. */
    public void runOnFocused(String action) {
        area.focused().map(terminals::get).ifPresent(t -> t.widget().runAction(action));
    }

    /** Closes every widget and session; called when the window closes. */
    public void closeAll() {
        terminals.values().forEach(OpenTerminal::close);
        area.sessions().closeAll();
    }
}
