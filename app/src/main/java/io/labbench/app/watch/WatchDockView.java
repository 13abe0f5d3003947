package io.labbench.app.watch;

import io.labbench.netparse.ParserKind;
import io.labbench.watch.StudyWatches;
import io.labbench.watch.WatchDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The watch dock on screen: a tab pane per {@link DockPaneModel} in a split, a window per popped-out
 * watch, the current lab step's watches as one-click buttons, and a few words on what the dock is for
 * while it is empty. It mirrors {@link WatchDockModel}; every click is a command there.
 */
public final class WatchDockView extends BorderPane {

    private final WatchDockModel model;
    private final Supplier<List<String>> endpointNames;
    private final SplitPane split = new SplitPane();
    private final VBox emptyState = emptyState();
    private final FlowPane offersBar = new FlowPane(6, 4);
    private final Label notice = new Label();
    private final Map<DockPaneModel, TabPane> tabPanes = new HashMap<>();
    private final Map<DockedWatch, Tab> tabs = new HashMap<>();
    private final Map<DockedWatch, Node> contents = new HashMap<>();
    private final Map<DockedWatch, Stage> windows = new HashMap<>();
    private boolean syncing;

    public WatchDockView(WatchDockModel model, Supplier<List<String>> endpointNames) {
        this.model = model;
        this.endpointNames = endpointNames;
        getStyleClass().add("watch-dock");
        setId("watch-dock");
        setTop(new VBox(toolbar(), offersBar));
        StackPane centre = new StackPane(split, emptyState);
        setCenter(centre);
        split.setId("watch-split");
        split.orientationProperty().bind(javafx.beans.binding.Bindings.when(model.verticalProperty())
                .then(Orientation.VERTICAL).otherwise(Orientation.HORIZONTAL));
        notice.textProperty().bind(model.noticeProperty());
        offersBar.setId("watch-offers");
        offersBar.setPadding(new Insets(0, 3, 3, 3));
        offersBar.setAlignment(Pos.CENTER_LEFT);

        model.panes().addListener((ListChangeListener<DockPaneModel>) c -> syncPanes());
        model.floating().addListener((ListChangeListener<DockedWatch>) c -> syncWindows());
        model.offers().addListener((ListChangeListener<WatchDockModel.Offer>) c -> showOffers());
        syncPanes();
        syncWindows();
        showOffers();
    }

    public WatchDockModel model() {
        return model;
    }

    // ---- panes and tabs

    private void syncPanes() {
        syncing = true;
        try {
            List<TabPane> wanted = new ArrayList<>();
            for (DockPaneModel pane : model.panes()) {
                wanted.add(tabPanes.computeIfAbsent(pane, this::tabPaneFor));
            }
            tabPanes.keySet().retainAll(model.panes());
            if (!split.getItems().equals(wanted)) {
                split.getItems().setAll(wanted);
                List<Double> saved = model.dividers();
                for (int i = 0; i < saved.size() && i < split.getDividers().size(); i++) {
                    split.setDividerPosition(i, saved.get(i));
                }
                for (SplitPane.Divider divider : split.getDividers()) {
                    divider.positionProperty().addListener((obs, old, now) -> rememberDividers());
                }
            }
            model.panes().forEach(this::syncTabs);
            forgetClosed();
            boolean empty = model.panes().isEmpty();
            emptyState.setVisible(empty);
            emptyState.setManaged(empty);
            split.setVisible(!empty);
        } finally {
            syncing = false;
        }
    }

    private void rememberDividers() {
        if (!syncing) {
            List<Double> positions = new ArrayList<>();
            for (double position : split.getDividerPositions()) {
                positions.add(position);
            }
            model.rememberDividers(positions);
        }
    }

    private TabPane tabPaneFor(DockPaneModel pane) {
        TabPane tabPane = new TabPane();
        tabPane.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        tabPane.focusWithinProperty().addListener((obs, was, now) -> {
            if (now) {
                model.focusPane(pane);
            }
        });
        tabPane.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!syncing && now != null && now.getUserData() instanceof DockedWatch watch && pane.contains(watch)) {
                model.focus(watch);
            }
        });
        pane.watches().addListener((ListChangeListener<DockedWatch>) c -> {
            boolean outer = syncing;
            syncing = true;
            try {
                syncTabs(pane);
                forgetClosed();
            } finally {
                syncing = outer;
            }
        });
        pane.selectedProperty().addListener((obs, old, now) -> {
            Tab tab = now == null ? null : tabs.get(now);
            if (tab != null && tab.getTabPane() == tabPane) {
                tabPane.getSelectionModel().select(tab);
            }
        });
        return tabPane;
    }

    private void syncTabs(DockPaneModel pane) {
        TabPane tabPane = tabPanes.get(pane);
        if (tabPane == null) {
            return;
        }
        List<Tab> wanted = new ArrayList<>();
        for (DockedWatch watch : pane.watches()) {
            Tab tab = tabs.computeIfAbsent(watch, this::tabFor);
            if (tab.getTabPane() != null && tab.getTabPane() != tabPane) {
                tab.getTabPane().getTabs().remove(tab);
            }
            wanted.add(tab);
        }
        if (!tabPane.getTabs().equals(wanted)) {
            tabPane.getTabs().setAll(wanted);
        }
        for (Tab tab : wanted) {
            if (tab.getContent() == null) {
                tab.setContent(contentOf((DockedWatch) tab.getUserData()));
            }
        }
        Tab selected = pane.selected() == null ? null : tabs.get(pane.selected());
        if (selected != null) {
            tabPane.getSelectionModel().select(selected);
        }
    }

    private Tab tabFor(DockedWatch watch) {
        Tab tab = new Tab(watch.title());
        tab.setUserData(watch);
        if (watch instanceof DockedWatch.Panel panel) {
            tab.setId("watch-tab-" + watch.key());
            // Only the selected tab's table is kept up to date; the others catch up when selected.
            panel.panel().shownProperty().bind(tab.selectedProperty());
        } else {
            tab.setId("watch-side-tab-" + watch.key());
        }
        tab.setOnClosed(e -> model.close(watch));
        tab.setContextMenu(tabMenu(watch));
        return tab;
    }

    private Node contentOf(DockedWatch watch) {
        return contents.computeIfAbsent(watch, w -> w instanceof DockedWatch.Panel panel
                ? new WatchPanelView(panel.panel(), this::sideBySide)
                : new SideBySideView(((DockedWatch.Compare) w).left(), ((DockedWatch.Compare) w).right()));
    }

    /** Drops the tabs and views of watches that are no longer open anywhere. */
    private void forgetClosed() {
        List<DockedWatch> open = model.watches();
        tabs.entrySet().removeIf(e -> {
            if (open.contains(e.getKey())) {
                return false;
            }
            e.getValue().setContent(null);
            if (e.getValue().getTabPane() != null) {
                e.getValue().getTabPane().getTabs().remove(e.getValue());
            }
            return true;
        });
        contents.keySet().retainAll(open);
    }

    private ContextMenu tabMenu(DockedWatch watch) {
        MenuItem popOut = new MenuItem("Pop out into a window", new FontIcon(Feather.EXTERNAL_LINK));
        popOut.setOnAction(e -> model.popOut(watch));
        MenuItem toNew = new MenuItem("Move to a new split");
        toNew.setOnAction(e -> model.split(watch));
        MenuItem toOther = new MenuItem("Move to the next pane");
        toOther.setOnAction(e -> model.moveToNextPane(watch));
        MenuItem orientation = new MenuItem("Stack panes vertically / side by side");
        orientation.setOnAction(e -> model.toggleOrientation());
        MenuItem wide = new MenuItem("Show the dock in the terminals' place / give it back");
        wide.setOnAction(e -> model.toggleInCentre());
        return new ContextMenu(popOut, toNew, toOther, orientation, wide);
    }

    // ---- popped-out windows

    private void syncWindows() {
        for (DockedWatch watch : model.floating()) {
            if (!windows.containsKey(watch)) {
                Tab tab = tabs.get(watch);
                if (tab != null) {
                    tab.setContent(null);
                }
                if (watch instanceof DockedWatch.Panel panel) {
                    // In its own window the table is always on screen.
                    panel.panel().shownProperty().unbind();
                    panel.panel().shownProperty().set(true);
                }
                Stage stage = new Stage();
                stage.setTitle(watch.title() + " — LabBench");
                StackPane root = new StackPane(contentOf(watch));
                root.getStyleClass().add("watch-window");
                Scene scene = new Scene(root, 1280, 560);
                if (getScene() != null) {
                    scene.getStylesheets().setAll(getScene().getStylesheets());
                    stage.initOwner(getScene().getWindow());
                    root.getStyleClass().addAll(getScene().getRoot().getStyleClass());
                }
                stage.setScene(scene);
                stage.setOnHidden(e -> {
                    if (model.floating().contains(watch)) {
                        model.dockBack(watch);
                    }
                });
                windows.put(watch, stage);
                stage.show();
            }
        }
        for (DockedWatch watch : new ArrayList<>(windows.keySet())) {
            if (!model.floating().contains(watch)) {
                Stage stage = windows.remove(watch);
                ((StackPane) stage.getScene().getRoot()).getChildren().clear();
                stage.hide();
                Tab tab = tabs.get(watch);
                if (tab != null && watch instanceof DockedWatch.Panel panel) {
                    panel.panel().shownProperty().bind(tab.selectedProperty());
                }
                model.paneOf(watch).ifPresent(this::syncTabs);
            }
        }
        forgetClosed();
        boolean empty = model.panes().isEmpty();
        emptyState.setVisible(empty);
        emptyState.setManaged(empty);
        split.setVisible(!empty);
    }

    /** The windows of popped-out watches (for tests). */
    public List<Stage> windows() {
        return List.copyOf(windows.values());
    }

    // ---- toolbar, offers, empty state

    private Node toolbar() {
        MenuButton open = new MenuButton("Open watch");
        open.setId("watch-open");
        open.setOnShowing(e -> open.getItems().setAll(openMenu()));
        open.getItems().setAll(openMenu());
        Button custom = new Button("Custom watch…");
        custom.setOnAction(e -> customWatchDialog());
        Button splitButton = new Button("Split");
        splitButton.setOnAction(e -> model.splitSelected());
        ToggleButton centre = new ToggleButton(null, new FontIcon(Feather.MAXIMIZE_2));
        centre.setId("watch-in-centre");
        centre.selectedProperty().bindBidirectional(new javafx.beans.property.SimpleBooleanProperty() {
            {
                set(model.inCentreProperty().get());
                model.inCentreProperty().addListener((obs, was, now) -> set(now));
                addListener((obs, was, now) -> {
                    if (now != model.inCentreProperty().get()) {
                        model.toggleInCentre();
                    }
                });
            }
        });
        custom.setTooltip(new Tooltip("Any command on any node, read by a parser or shown as raw text"));
        splitButton.setTooltip(new Tooltip("Move the selected tab into a pane of its own"));
        centre.setTooltip(new Tooltip("Give the watches the terminals' place (wide tables); click again to give it back"));
        // Wraps in a narrow dock rather than clipping the buttons to "…"; a long notice takes its own line.
        FlowPane bar = new FlowPane(6, 4, open, custom, splitButton, centre, notice);
        for (var control : List.of(open, custom, splitButton, centre)) {
            control.setMinWidth(Region.USE_PREF_SIZE);
        }
        notice.setWrapText(true);
        notice.maxWidthProperty().bind(bar.widthProperty().subtract(8));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(3));
        return bar;
    }

    private void showOffers() {
        offersBar.getChildren().clear();
        if (model.offers().isEmpty()) {
            offersBar.setVisible(false);
            offersBar.setManaged(false);
            return;
        }
        Label lead = new Label("This step watches:");
        lead.getStyleClass().add("text-muted");
        offersBar.getChildren().add(lead);
        for (WatchDockModel.Offer offer : model.offers()) {
            Button button = new Button(offer.title() + " · " + offer.endpoint(),
                    new FontIcon(offer.open() ? Feather.EYE : Feather.PLUS));
            button.setId("watch-offer-" + offer.watchId() + "-" + offer.endpoint());
            button.getStyleClass().add(offer.open() ? "flat" : "accent");
            button.setTooltip(new Tooltip(offer.open() ? "Open: show it" : "Open this watch on " + offer.endpoint()));
            button.setOnAction(e -> model.open(offer.watchId(), offer.endpoint()));
            button.setMinWidth(Region.USE_PREF_SIZE);
            offersBar.getChildren().add(button);
        }
        offersBar.setVisible(true);
        offersBar.setManaged(true);
    }

    private static VBox emptyState() {
        FontIcon icon = new FontIcon(Feather.ACTIVITY);
        icon.setIconSize(28);
        Label heading = new Label("Watches");
        heading.getStyleClass().add("title-4");
        Label what = new Label("A watch re-runs a command on a node every few seconds (routes, ip rule, "
                + "iptables counters, conntrack) and shows the result as a table, highlighting what changed "
                + "like watch -d, with counter deltas and rates.");
        Label how = new Label("Open one with \u201cOpen watch\u201d above, or with a lab step's watch button; "
                + "a step that uses watches offers them above too.");
        for (Label label : List.of(what, how)) {
            label.setWrapText(true);
            label.getStyleClass().add("text-muted");
        }
        VBox box = new VBox(8, icon, heading, what, how);
        box.setId("watch-empty");
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(16));
        box.setMaxWidth(460);
        return box;
    }

    private List<MenuItem> openMenu() {
        List<MenuItem> items = new ArrayList<>();
        for (String endpoint : endpointNames.get()) {
            Menu node = new Menu(endpoint);
            for (StudyWatches.Template template : StudyWatches.templates()) {
                MenuItem item = new MenuItem(template.title() + "   " + template.command());
                item.setOnAction(e -> model.open(template.id(), endpoint));
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
        dialog.showAndWait().ifPresent(model::open);
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

    private void sideBySide(WatchPanelViewModel panel) {
        WatchDefinition watch = panel.definition();
        List<String> others = endpointNames.get().stream().filter(n -> !n.equals(watch.endpoint())).toList();
        if (others.isEmpty()) {
            model.say("No other endpoint to compare " + watch.endpoint() + " with");
            return;
        }
        String preferred = others.contains("worker2") && watch.endpoint().equals("worker1") ? "worker2"
                : others.contains("worker1") ? "worker1" : others.get(0);
        ChoiceDialog<String> choose = new ChoiceDialog<>(preferred, others);
        choose.setHeaderText("Compare " + watch.title() + " with which node?");
        if (getScene() != null) {
            choose.initOwner(getScene().getWindow());
        }
        choose.showAndWait().ifPresent(other -> model.openSideBySide(watch, other));
    }

    /** Closes the popped-out windows (the window is closing). */
    public void closeWindows() {
        List.copyOf(windows.values()).forEach(Stage::hide);
    }
}
