package io.labbench.app.ui.terminal;

import io.labbench.app.ui.status.StatusBarView;
import io.labbench.sessions.ConnectionState;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One terminal pane: a header (state, name, target, broadcast marker, buttons; also the drag handle
 * for rearranging the grid), the JediTermFX widget, a banner over it when the connection dropped, and
 * a hint under it when a connected shell stays silent.
 */
public final class TerminalPaneView extends BorderPane {

    /** Drag-and-drop payload: the dragged pane's name. */
    public static final DataFormat PANE_NAME = new DataFormat("application/x-labbench-terminal-pane");

    private final TerminalPaneViewModel model;
    private final LabTerminalWidget widget;

    public TerminalPaneView(TerminalPaneViewModel model, LabTerminalWidget widget, TerminalAreaViewModel area,
                            Runnable reconnect, java.util.function.BooleanSupplier followFocus) {
        this.model = model;
        this.widget = widget;
        getStyleClass().add("terminal-pane");
        setId("pane-" + model.name().replace(':', '-'));

        setTop(header(area));
        StackPane body = new StackPane(widget.getPane());
        body.getStyleClass().add("terminal-body");
        body.setMinSize(0, 0);
        widget.getPane().setMinSize(0, 0);
        setCenter(body);
        setMinSize(0, 0);
        // The drop banner and the quiet-shell hint are built the first time they are needed: most panes
        // never need them, and at start-up every node costs its share of the first CSS pass.
        overlayWhenNeeded(body, model.dropBannerVisibleProperty(), () -> dropBanner(reconnect), Pos.TOP_CENTER);
        overlayWhenNeeded(body, model.quietHintVisibleProperty(), this::quietHint, Pos.BOTTOM_CENTER);

        model.broadcastMemberProperty().addListener((obs, was, is) -> pseudo("broadcast", is));
        model.focusedProperty().addListener((obs, was, is) -> pseudo("focused", is));
        pseudo("broadcast", model.isBroadcastMember());
        pseudo("focused", model.focusedProperty().get());

        // Clicking or tabbing into the terminal makes this the focused pane for the shortcuts.
        widget.getPane().focusWithinProperty().addListener((obs, was, is) -> {
            if (is && followFocus.getAsBoolean()) {
                area.focus(model);
            }
        });
        setOnMousePressed(e -> area.focus(model));
        installDragAndDrop(area);
    }

    private void pseudo(String name, boolean on) {
        if (on) {
            getStyleClass().add("terminal-pane-" + name);
        } else {
            getStyleClass().remove("terminal-pane-" + name);
        }
    }

    private HBox header(TerminalAreaViewModel area) {
        FontIcon stateIcon = new FontIcon(Feather.TERMINAL);
        stateIcon.getStyleClass().add("pane-state-icon");
        Label name = new Label(model.name(), stateIcon);
        name.getStyleClass().add("pane-name");
        // What gives way when the pane is narrow, in order: the user@host and state text, then the name
        // (shortened in the middle, so worker1 and worker2 stay apart as "wo…r1" and "wo…r2"); the node's
        // addresses never do, a cut IP address being a wrong one. The tooltip has all of it.
        name.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
        Label addresses = new Label();
        addresses.setId("pane-addresses-" + model.name().replace(':', '-'));
        addresses.setMinWidth(Region.USE_PREF_SIZE);
        addresses.getStyleClass().addAll("pane-target", "pane-addresses");
        addresses.textProperty().bind(model.addressesProperty());
        addresses.visibleProperty().bind(model.addressesProperty().isNotEmpty());
        addresses.managedProperty().bind(addresses.visibleProperty());
        Label target = new Label();
        target.setMinWidth(0);
        target.setPrefWidth(0);
        target.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(target, Priority.ALWAYS);
        target.getStyleClass().add("pane-target");
        target.textProperty().bind(Bindings.createStringBinding(
                () -> (model.targetProperty().get().isEmpty() ? "" : model.targetProperty().get() + " · ")
                        + StatusBarView.describe(model.state()),
                model.targetProperty(), model.stateProperty()));
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(Bindings.createStringBinding(() -> String.join(" · ", java.util.stream.Stream.of(
                        model.name(), model.addressesProperty().get(), target.getText()).filter(t -> !t.isEmpty()).toList()),
                model.addressesProperty(), target.textProperty()));
        name.setTooltip(whole);
        addresses.setTooltip(whole);
        target.setTooltip(whole);
        model.stateProperty().addListener((obs, old, now) -> stateClass(stateIcon, now));
        stateClass(stateIcon, model.state());

        Label broadcastMarker = new Label("BROADCAST", new FontIcon(Feather.RADIO));
        broadcastMarker.getStyleClass().add("broadcast-marker");
        broadcastMarker.setId("broadcast-marker-" + model.name().replace(':', '-'));
        broadcastMarker.visibleProperty().bind(model.broadcastMemberProperty());
        broadcastMarker.managedProperty().bind(broadcastMarker.visibleProperty());

        Button broadcast = iconButton(Feather.RADIO, "Add to / remove from the broadcast group (Ctrl+Shift+B)",
                () -> area.toggleBroadcast(model));
        Button maximize = iconButton(Feather.MAXIMIZE_2, "Maximise / restore (Ctrl+Shift+M)",
                () -> area.toggleMaximize(model));
        maximize.setId("maximize-" + model.name().replace(':', '-'));
        model.maximizedProperty().addListener((obs, was, is) ->
                maximize.setGraphic(new FontIcon(is ? Feather.MINIMIZE_2 : Feather.MAXIMIZE_2)));

        // the buttons keep their size: the text beside them is what gives way
        broadcast.setMinWidth(Region.USE_PREF_SIZE);
        maximize.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(4, name, addresses, target, broadcastMarker, broadcast, maximize);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(2, 4, 2, 6));
        header.getStyleClass().add("pane-header");
        header.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                area.toggleMaximize(model);
            }
        });
        return header;
    }

    private static void stateClass(FontIcon icon, ConnectionState state) {
        icon.getStyleClass().removeIf(s -> s.startsWith("state-"));
        icon.getStyleClass().add("state-" + state.name().toLowerCase(Locale.ROOT));
    }

    private static Button iconButton(Feather icon, String tip, Runnable action) {
        Button button = new Button(null, new FontIcon(icon));
        button.getStyleClass().addAll("button-icon", "flat", "small");
        // A tooltip is a popup window: made on first hover, not for every pane at start-up.
        button.setOnMouseEntered(e -> {
            if (button.getTooltip() == null) {
                button.setTooltip(new Tooltip(tip));
            }
        });
        button.setFocusTraversable(false);
        button.setOnAction(e -> action.run());
        return button;
    }

    /** Adds the node {@code build} makes over the terminal once {@code needed} first holds; it binds its own visibility. */
    private static void overlayWhenNeeded(StackPane body, ObservableBooleanValue needed, Supplier<Node> build, Pos where) {
        Runnable add = () -> {
            Node overlay = build.get();
            StackPane.setAlignment(overlay, where);
            body.getChildren().add(overlay);
        };
        if (needed.get()) {
            add.run();
            return;
        }
        needed.addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> obs, Boolean was, Boolean is) {
                if (is) {
                    needed.removeListener(this);
                    add.run();
                }
            }
        });
    }

    private HBox dropBanner(Runnable reconnect) {
        Label text = new Label();
        text.textProperty().bind(model.dropMessageProperty());
        text.setWrapText(true);
        text.setGraphic(new FontIcon(Feather.WIFI_OFF));
        Button again = new Button("Reconnect", new FontIcon(Feather.REFRESH_CW));
        again.setId("reconnect-" + model.name().replace(':', '-'));
        again.setOnAction(e -> reconnect.run());
        again.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox banner = new HBox(10, text, again);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setPadding(new Insets(6, 10, 6, 10));
        banner.getStyleClass().add("drop-banner");
        banner.setMaxHeight(Region.USE_PREF_SIZE);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.visibleProperty().bind(model.dropBannerVisibleProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private Label quietHint() {
        Label hint = new Label(null, new FontIcon(Feather.CLOCK));
        hint.textProperty().bind(model.quietHintProperty());
        hint.setWrapText(true);
        hint.setId("quiet-hint-" + model.name().replace(':', '-'));
        hint.getStyleClass().add("quiet-hint");
        hint.setMaxWidth(Double.MAX_VALUE);
        hint.setMaxHeight(Region.USE_PREF_SIZE);
        hint.setMouseTransparent(true);
        hint.visibleProperty().bind(model.quietHintVisibleProperty());
        hint.managedProperty().bind(hint.visibleProperty());
        return hint;
    }

    private void installDragAndDrop(TerminalAreaViewModel area) {
        getTop().setOnDragDetected(e -> {
            Dragboard board = startDragAndDrop(TransferMode.MOVE);
            ClipboardContent content = new ClipboardContent();
            content.put(PANE_NAME, model.name());
            board.setContent(content);
            e.consume();
        });
        setOnDragOver(e -> {
            Object dragged = e.getDragboard().getContent(PANE_NAME);
            if (dragged != null && !model.name().equals(dragged)) {
                e.acceptTransferModes(TransferMode.MOVE);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            Object dragged = e.getDragboard().getContent(PANE_NAME);
            boolean done = false;
            if (dragged instanceof String draggedName) {
                done = area.find(draggedName).map(source -> {
                    area.move(source, model);
                    return true;
                }).orElse(false);
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    public TerminalPaneViewModel model() {
        return model;
    }

    public LabTerminalWidget widget() {
        return widget;
    }

    /** Gives the terminal keyboard focus (after the pane was brought forward). */
    public void focusTerminal() {
        // JediTermFX reads keys on its canvas, not on the pane it calls "preferred focusable".
        widget.getTerminalPanel().getCanvas().requestFocus();
    }
}
