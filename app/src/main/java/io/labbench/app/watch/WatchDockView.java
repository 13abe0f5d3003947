package io.labbench.app.watch;

import io.labbench.netparse.ParserKind;
import io.labbench.sessions.CommandRunnerProvider;
import io.labbench.watch.StudyWatches;
import io.labbench.watch.WatchDefinition;
import io.labbench.watch.layout.DockLayout;
import io.labbench.watch.layout.DockLayoutStore;
import io.labbench.watch.layout.DockPane;
import io.labbench.watch.layout.OpenWatch;
import io.labbench.watch.run.SnapshotReader;
import io.labbench.watch.run.WatchScheduler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ContextMenu;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.util.Duration;

/**
 * The watch dock: panels in tabs, tab panes side by side in a split. Opening a watch that is already
 * open focuses it. Which watches are open, in which pane and order, their interval and pause state are
 * saved (off the JavaFX thread) whenever they change and restored by {@link #restore()}.
 */
public final class WatchDockView extends BorderPane implements AutoCloseable {

    private final CommandRunnerProvider runners;
    private final Supplier<List<String>> endpointNames;
    private final DockLayoutStore store;
    private final SnapshotReader reader;
    private final WatchScheduler scheduler;
    private final ExecutorService saver = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "watch-dock-save");
        t.setDaemon(true);
        return t;
    });
    private final SplitPane split = new SplitPane();
    private final Label notice = new Label();
    private final PauseTransition saveSoon = new PauseTransition(Duration.millis(400));
    private TabPane focusedPane;
    private boolean restoring;

    public WatchDockView(CommandRunnerProvider runners, Supplier<List<String>> endpointNames, DockLayoutStore store,
                         SnapshotReader reader, WatchScheduler scheduler) {
        this.runners = runners;
        this.endpointNames = endpointNames;
        this.store = store;
        this.reader = reader;
        this.scheduler = scheduler;
        getStyleClass().add("watch-dock");
        setTop(toolbar());
        setCenter(split);
        saveSoon.setOnFinished(e -> saveNow());
    }

    /** Reopens the panels saved last time; a damaged layout file gives an empty dock and a notice. */
    public void restore() {
        DockLayoutStore.Loaded loaded = store.load();
        loaded.problem().ifPresent(notice::setText);
        restoring = true;
        try {
            split.setOrientation(loaded.layout().vertical() ? Orientation.VERTICAL : Orientation.HORIZONTAL);
            for (DockPane saved : loaded.layout().panes()) {
                TabPane pane = addPane();
                for (OpenWatch open : saved.tabs()) {
                    try {
                        if (open.showsTwoNodes()) {
                            addSideBySide(pane, open.toDefinition(), open.compareWith());
                            continue;
                        }
                        addPanel(pane, open.toDefinition(), open.paused());
                    } catch (IllegalArgumentException e) {
                        notice.setText("Skipped a saved watch: " + e.getMessage());
                    }
                }
                if (pane.getTabs().isEmpty()) {
                    split.getItems().remove(pane);
                } else {
                    pane.getSelectionModel().select(Math.min(Math.max(0, saved.selected()), pane.getTabs().size() - 1));
                }
            }
            List<Double> dividers = loaded.layout().dividers();
            for (int i = 0; i < dividers.size() && i < split.getDividers().size(); i++) {
                split.setDividerPosition(i, dividers.get(i));
            }
        } finally {
            restoring = false;
        }
    }

    /** Opens the ready-made watch {@code watchId} on {@code endpoint}, or focuses it if open. */
    public void openWatch(String watchId, String endpoint) {
        Optional<WatchDefinition> watch = StudyWatches.on(watchId, endpoint);
        if (watch.isEmpty()) {
            notice.setText("No ready-made watch '" + watchId + "'; known: "
                    + String.join(", ", StudyWatches.templates().stream().map(StudyWatches.Template::id).toList()));
            return;
        }
        openWatch(watch.get());
    }

    /** Opens {@code watch}, or focuses the panel that already shows it on that endpoint. */
    public void openWatch(WatchDefinition watch) {
        Optional<Tab> existing = findTab(watch.panelKey());
        if (existing.isPresent()) {
            existing.get().getTabPane().getSelectionModel().select(existing.get());
            existing.get().getContent().requestFocus();
            return;
        }
        TabPane pane = focusedPane != null && split.getItems().contains(focusedPane) ? focusedPane
                : split.getItems().isEmpty() ? addPane() : (TabPane) split.getItems().get(split.getItems().size() - 1);
        Tab tab = addPanel(pane, watch, false);
        pane.getSelectionModel().select(tab);
        scheduleSave();
    }

    /** Panels open now, as view-models, in dock order (for tests and the lab wizard's checks). */
    public List<WatchPanelViewModel> openPanels() {
        List<WatchPanelViewModel> panels = new ArrayList<>();
        for (var item : split.getItems()) {
            for (Tab tab : ((TabPane) item).getTabs()) {
                if (tab.getUserData() instanceof WatchPanelViewModel vm) {
                    panels.add(vm);
                }
            }
        }
        return panels;
    }

    /** The open panel of ready-made watch {@code watchId} (or an alias of it) on {@code endpoint}. */
    public Optional<WatchPanelViewModel> panel(String watchId, String endpoint) {
        Optional<String> key = StudyWatches.on(watchId, endpoint).map(WatchDefinition::panelKey);
        return key.flatMap(k -> openPanels().stream().filter(p -> p.definition().panelKey().equals(k)).findFirst());
    }

    /** Stacks the panes top to bottom (true) or places them side by side (false). */
    public void setVertical(boolean vertical) {
        split.setOrientation(vertical ? Orientation.VERTICAL : Orientation.HORIZONTAL);
        scheduleSave();
    }

    /** Moves the selected tab of the focused pane into a new pane on the right. */
    public void splitSelected() {
        TabPane from = focusedPane != null ? focusedPane : split.getItems().isEmpty() ? null : (TabPane) split.getItems().get(0);
        if (from == null || from.getSelectionModel().getSelectedItem() == null) {
            notice.setText("Open a watch first, then split it into its own pane");
            return;
        }
        moveTab(from.getSelectionModel().getSelectedItem(), addPane());
    }

    /** Waits for pending saves; used on exit so the last change is not lost. */
    public void flushSaves() {
        saveSoon.stop();
        saveNow();
        try {
            saver.submit(() -> { }).get();
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        flushSaves();
        for (WatchPanelViewModel panel : openPanels()) {
            panel.close();
        }
        openSideBySides().forEach(SideBySideView::close);
        saver.shutdown();
    }

    private FlowPane toolbar() {
        MenuButton open = new MenuButton("Open watch");
        open.setId("watch-open");
        open.setOnShowing(e -> open.getItems().setAll(openMenu()));
        open.getItems().setAll(openMenu());
        Button custom = new Button("Custom watch…");
        custom.setOnAction(e -> customWatchDialog());
        Button splitButton = new Button("Split");
        splitButton.setOnAction(e -> splitSelected());
        custom.setTooltip(new Tooltip("Any command on any node, read by a parser or shown as raw text"));
        splitButton.setTooltip(new Tooltip("Move the selected tab into a pane of its own"));
        // Wraps in a narrow dock rather than clipping the buttons to "…"; a long notice takes its own line.
        FlowPane bar = new FlowPane(6, 4, open, custom, splitButton, notice);
        for (var control : List.of(open, custom, splitButton)) {
            control.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        notice.setWrapText(true);
        notice.maxWidthProperty().bind(bar.widthProperty().subtract(8));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(3));
        return bar;
    }

    private List<MenuItem> openMenu() {
        List<MenuItem> items = new ArrayList<>();
        for (String endpoint : endpointNames.get()) {
            Menu node = new Menu(endpoint);
            for (StudyWatches.Template template : StudyWatches.templates()) {
                MenuItem item = new MenuItem(template.title() + "   " + template.command());
                item.setOnAction(e -> openWatch(template.id(), endpoint));
                node.getItems().add(item);
            }
            items.add(node);
        }
        return items;
    }

    private void customWatchDialog() {
        Dialog<WatchDefinition> dialog = new Dialog<>();
        dialog.setTitle("Custom watch");
        ComboBox<String> endpoint = new ComboBox<>();
        endpoint.getItems().setAll(endpointNames.get());
        endpoint.getSelectionModel().selectFirst();
        TextField command = new TextField();
        command.setPromptText("e.g. ip -4 neigh show");
        ComboBox<String> parser = new ComboBox<>();
        parser.getItems().add("raw text");
        for (ParserKind kind : ParserKind.values()) {
            parser.getItems().add(kind.cliName());
        }
        parser.getSelectionModel().select(ParserKind.AUTO.cliName());
        TextField interval = new TextField("2");
        Label error = new Label();
        error.setStyle("-fx-text-fill: #a40e26;");
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(6);
        grid.addRow(0, new Label("Endpoint"), endpoint);
        grid.addRow(1, new Label("Command"), command);
        grid.addRow(2, new Label("Read as"), parser);
        grid.addRow(3, new Label("Interval (s)"), interval);
        grid.add(error, 0, 4, 2, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            try {
                build(endpoint.getValue(), command.getText(), parser.getValue(), interval.getText());
            } catch (IllegalArgumentException ex) {
                error.setText(ex.getMessage());
                e.consume();
            }
        });
        dialog.setResultConverter(button -> button == ButtonType.OK
                ? build(endpoint.getValue(), command.getText(), parser.getValue(), interval.getText()) : null);
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
        }
        dialog.showAndWait().ifPresent(this::openWatch);
    }

    private static WatchDefinition build(String endpoint, String command, String parser, String seconds) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("Pick an endpoint");
        }
        java.time.Duration interval = WatchPanelView.parseSeconds(seconds).orElseThrow(() ->
                new IllegalArgumentException("Interval '" + seconds + "' is not a number of seconds (0.5–60)"));
        Optional<ParserKind> kind = "raw text".equals(parser) ? Optional.empty() : ParserKind.fromCliName(parser);
        return WatchDefinition.custom(endpoint, command == null ? "" : command.strip(), kind, interval);
    }

    private TabPane addPane() {
        TabPane pane = new TabPane();
        pane.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        pane.focusWithinProperty().addListener((obs, was, now) -> {
            if (now) {
                focusedPane = pane;
            }
        });
        pane.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> scheduleSave());
        split.getItems().add(pane);
        for (SplitPane.Divider divider : split.getDividers()) {
            divider.positionProperty().addListener((obs, old, now) -> scheduleSave());
        }
        focusedPane = pane;
        return pane;
    }

    private Tab addPanel(TabPane pane, WatchDefinition watch, boolean paused) {
        WatchPanelViewModel viewModel = new WatchPanelViewModel(watch, runners, reader, scheduler, Platform::runLater);
        WatchPanelView view = new WatchPanelView(viewModel, this::sideBySide);
        Tab tab = new Tab(watch.title(), view);
        tab.setUserData(viewModel);
        tab.setId("watch-tab-" + watch.panelKey());
        // Only the selected tab's table is kept up to date; the others catch up when selected.
        viewModel.shownProperty().bind(tab.selectedProperty());
        whenClosed(tab, pane);
        tab.setContextMenu(tabMenu(tab));
        viewModel.pausedProperty().addListener((obs, was, now) -> scheduleSave());
        viewModel.intervalProperty().addListener((obs, was, now) -> scheduleSave());
        pane.getTabs().add(tab);
        viewModel.start(paused);
        return tab;
    }

    private ContextMenu tabMenu(Tab tab) {
        MenuItem toNew = new MenuItem("Move to a new split");
        toNew.setOnAction(e -> moveTab(tab, addPane()));
        MenuItem toOther = new MenuItem("Move to the next pane");
        toOther.setOnAction(e -> {
            int at = split.getItems().indexOf(tab.getTabPane());
            if (split.getItems().size() > 1) {
                moveTab(tab, (TabPane) split.getItems().get((at + 1) % split.getItems().size()));
            }
        });
        MenuItem orientation = new MenuItem("Stack panes vertically / side by side");
        orientation.setOnAction(e -> {
            split.setOrientation(split.getOrientation() == Orientation.HORIZONTAL ? Orientation.VERTICAL : Orientation.HORIZONTAL);
            scheduleSave();
        });
        return new ContextMenu(toNew, toOther, orientation);
    }

    private void moveTab(Tab tab, TabPane to) {
        TabPane from = tab.getTabPane();
        if (from == to) {
            return;
        }
        from.getTabs().remove(tab);
        to.getTabs().add(tab);
        to.getSelectionModel().select(tab);
        whenClosed(tab, to);
        removeIfEmpty(from);
        scheduleSave();
    }

    /** Closing a tab stops what it shows (one panel, or both of a side-by-side) and saves the layout. */
    private void whenClosed(Tab tab, TabPane pane) {
        tab.setOnClosed(e -> {
            if (tab.getUserData() instanceof WatchPanelViewModel vm) {
                vm.close();
            } else if (tab.getUserData() instanceof SideBySideView side) {
                side.close();
            }
            removeIfEmpty(pane);
            scheduleSave();
        });
    }

    private void removeIfEmpty(TabPane pane) {
        if (pane.getTabs().isEmpty()) {
            split.getItems().remove(pane);
            if (focusedPane == pane) {
                focusedPane = null;
            }
        }
    }

    private void sideBySide(WatchPanelViewModel panel) {
        WatchDefinition watch = panel.definition();
        List<String> others = endpointNames.get().stream().filter(n -> !n.equals(watch.endpoint())).toList();
        if (others.isEmpty()) {
            notice.setText("No other endpoint to compare " + watch.endpoint() + " with");
            return;
        }
        String preferred = others.contains("worker2") && watch.endpoint().equals("worker1") ? "worker2"
                : others.contains("worker1") ? "worker1" : others.get(0);
        ChoiceDialog<String> choose = new ChoiceDialog<>(preferred, others);
        choose.setHeaderText("Compare " + watch.title() + " with which node?");
        if (getScene() != null) {
            choose.initOwner(getScene().getWindow());
        }
        choose.showAndWait().ifPresent(other -> openSideBySide(watch, other));
    }

    /** Opens a tab showing {@code watch} on its endpoint and on {@code otherEndpoint}, rows aligned. */
    public SideBySideView openSideBySide(WatchDefinition watch, String otherEndpoint) {
        TabPane pane = split.getItems().isEmpty() ? addPane() : (TabPane) split.getItems().get(split.getItems().size() - 1);
        Tab tab = addSideBySide(pane, watch, otherEndpoint);
        pane.getSelectionModel().select(tab);
        scheduleSave();
        return (SideBySideView) tab.getUserData();
    }

    private Tab addSideBySide(TabPane pane, WatchDefinition watch, String otherEndpoint) {
        WatchPanelViewModel left = new WatchPanelViewModel(watch, runners, reader, scheduler, Platform::runLater);
        WatchPanelViewModel right = new WatchPanelViewModel(watch.onEndpoint(otherEndpoint), runners, reader, scheduler,
                Platform::runLater);
        // The side-by-side table reads both models' snapshots; the panels' own tables are never drawn.
        left.shownProperty().set(false);
        right.shownProperty().set(false);
        SideBySideView view = new SideBySideView(left, right);
        Tab tab = new Tab(watch.id() + " · " + watch.endpoint() + " | " + otherEndpoint, view);
        tab.setUserData(view);
        tab.setId("watch-side-tab-" + watch.panelKey() + "|" + otherEndpoint);
        whenClosed(tab, pane);
        tab.setContextMenu(tabMenu(tab));
        pane.getTabs().add(tab);
        view.start();
        return tab;
    }

    /** Side-by-side tabs open now, in dock order. */
    public List<SideBySideView> openSideBySides() {
        List<SideBySideView> views = new ArrayList<>();
        for (var item : split.getItems()) {
            for (Tab tab : ((TabPane) item).getTabs()) {
                if (tab.getUserData() instanceof SideBySideView side) {
                    views.add(side);
                }
            }
        }
        return views;
    }

    private Optional<Tab> findTab(String panelKey) {
        for (var item : split.getItems()) {
            for (Tab tab : ((TabPane) item).getTabs()) {
                if (tab.getUserData() instanceof WatchPanelViewModel vm && vm.definition().panelKey().equals(panelKey)) {
                    return Optional.of(tab);
                }
            }
        }
        return Optional.empty();
    }

    private void scheduleSave() {
        if (!restoring) {
            saveSoon.playFromStart();
        }
    }

    private void saveNow() {
        DockLayout layout = currentLayout();
        saver.execute(() -> {
            try {
                store.save(layout);
            } catch (IOException e) {
                String message = "Could not save the dock layout to " + store.file() + ": " + e.getMessage();
                Platform.runLater(() -> notice.setText(message));
            }
        });
    }

    /** What would be saved now. */
    public DockLayout currentLayout() {
        List<DockPane> panes = new ArrayList<>();
        for (var item : split.getItems()) {
            TabPane pane = (TabPane) item;
            List<OpenWatch> tabs = new ArrayList<>();
            for (Tab tab : pane.getTabs()) {
                if (tab.getUserData() instanceof WatchPanelViewModel vm) {
                    tabs.add(OpenWatch.of(vm.definition(), vm.pausedProperty().get()));
                } else if (tab.getUserData() instanceof SideBySideView side) {
                    tabs.add(OpenWatch.sideBySide(side.leftDefinition(), side.rightEndpoint()));
                }
            }
            if (!tabs.isEmpty()) {
                panes.add(new DockPane(tabs, Math.max(0, Math.min(pane.getSelectionModel().getSelectedIndex(), tabs.size() - 1))));
            }
        }
        List<Double> dividers = new ArrayList<>();
        for (double position : split.getDividerPositions()) {
            dividers.add(position);
        }
        return new DockLayout(DockLayout.CURRENT_VERSION, split.getOrientation() == Orientation.VERTICAL, panes, dividers);
    }
}
