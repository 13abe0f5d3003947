package io.labbench.app.ui.status;

import io.labbench.app.ui.terminal.TerminalAreaViewModel;
import io.labbench.app.ui.terminal.TerminalPaneViewModel;
import io.labbench.sessions.ConnectionState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The bottom bar: one chip per terminal endpoint with its connection state, a broadcast indicator when
 * broadcast is on, and a message area on the right for the last notice.
 */
public final class StatusBarView extends HBox {

    private final HBox endpoints = new HBox(6);
    private final Map<TerminalPaneViewModel, EndpointChip> chips = new HashMap<>();
    private final Label broadcast = new Label();
    private final Label message = new Label();

    public StatusBarView(TerminalAreaViewModel area) {
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(12);
        setPadding(new Insets(3, 10, 3, 10));
        endpoints.setAlignment(Pos.CENTER_LEFT);
        endpoints.setId("status-endpoints");

        broadcast.setId("status-broadcast");
        broadcast.getStyleClass().add("broadcast-indicator");
        broadcast.setGraphic(new FontIcon(Feather.RADIO));
        broadcast.textProperty().bind(Bindings.createStringBinding(
                () -> "Broadcast ON to " + area.broadcastCountProperty().get() + " terminals (Ctrl+Shift+X ends it)",
                area.broadcastCountProperty()));
        broadcast.visibleProperty().bind(area.broadcastOnProperty());
        broadcast.managedProperty().bind(broadcast.visibleProperty());

        message.setId("status-message");
        message.getStyleClass().add("status-message");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(endpoints, broadcast, spacer, message);

        area.allPanes().addListener((ListChangeListener<TerminalPaneViewModel>) change -> rebuild(area));
        rebuild(area);
    }

    /** Keeps one chip per pane: new panes get one, closed panes lose theirs (and its state listener). */
    private void rebuild(TerminalAreaViewModel area) {
        List<TerminalPaneViewModel> panes = List.copyOf(area.allPanes());
        chips.keySet().removeIf(pane -> {
            if (panes.contains(pane)) {
                return false;
            }
            chips.get(pane).detach();
            return true;
        });
        endpoints.getChildren().setAll(panes.stream().map(pane -> chips.computeIfAbsent(pane, EndpointChip::new).label).toList());
    }

    /** A pane's chip; its tooltip is made on first hover (a tooltip is a popup window, costly at start-up). */
    private static final class EndpointChip {
        private final Label label;
        private final TerminalPaneViewModel pane;
        private final ChangeListener<ConnectionState> onState;

        EndpointChip(TerminalPaneViewModel pane) {
            this.pane = pane;
            label = new Label(pane.name());
            label.setId("status-" + pane.name().replace(':', '-'));
            label.getStyleClass().add("endpoint-chip");
            FontIcon dot = new FontIcon(Feather.CIRCLE);
            dot.getStyleClass().add("state-dot");
            label.setGraphic(dot);
            label.setOnMouseEntered(e -> {
                if (label.getTooltip() == null) {
                    Tooltip tip = new Tooltip();
                    tip.textProperty().bind(Bindings.createStringBinding(
                            () -> pane.name() + ": " + describe(pane.state()), pane.stateProperty()));
                    label.setTooltip(tip);
                }
            });
            onState = (obs, old, now) -> styleFor(label, now);
            pane.stateProperty().addListener(onState);
            styleFor(label, pane.state());
        }

        void detach() {
            pane.stateProperty().removeListener(onState);
        }
    }

    private static void styleFor(Label chip, ConnectionState state) {
        chip.getStyleClass().removeIf(s -> s.startsWith("state-"));
        chip.getStyleClass().add("state-" + state.name().toLowerCase(java.util.Locale.ROOT));
        chip.setAccessibleText(chip.getText() + " " + describe(state));
    }

    public static String describe(ConnectionState state) {
        return switch (state) {
            case CONNECTED -> "connected";
            case CONNECTING -> "connecting";
            case RECONNECTING -> "connection lost, reconnecting";
            case DISCONNECTED -> "disconnected";
            case FAILED -> "failed";
            case CLOSED -> "closed";
        };
    }

    /** Shows a short notice on the right (e.g. where settings could not be read). */
    public void showMessage(String text) {
        message.setText(text);
    }
}
