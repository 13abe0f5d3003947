package io.labbench.app.ui;

import io.labbench.app.ui.status.StatusBarView;
import io.labbench.app.ui.terminal.TerminalAreaView;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The window's layout: menu on top, then a horizontal split of the lab pane (left), the terminal area
 * (centre) and the watch dock (right), and the status bar at the bottom. The lab pane and the watch dock
 * are slots other parts fill through {@link #setLabPane} and {@link #setWatchDock}.
 */
public final class MainWindowView extends BorderPane {

    private final StackPane labSlot = slot("lab-slot", Feather.BOOK_OPEN, "Opening the lab…",
            "The lab guide appears here.");
    private final StackPane watchSlot = slot("watch-slot", Feather.ACTIVITY, "No watches",
            "Watches a lab step opens (routes, iptables, conntrack) appear here.");
    private final SplitPane split = new SplitPane();

    public MainWindowView(MenuBar menu, TerminalAreaView terminals, StatusBarView status) {
        getStyleClass().add("main-window");
        split.setId("main-split");
        split.getItems().addAll(labSlot, terminals, watchSlot);
        SplitPane.setResizableWithParent(labSlot, false);
        SplitPane.setResizableWithParent(watchSlot, false);
        setTop(menu);
        setCenter(split);
        setBottom(status);
    }

    private static StackPane slot(String id, Feather icon, String title, String hint) {
        StackPane slot = new StackPane(placeholder(icon, title, hint));
        slot.setId(id);
        slot.getStyleClass().add("dock-slot");
        slot.setMinWidth(0);
        return slot;
    }

    private static VBox placeholder(Feather icon, String title, String hint) {
        FontIcon graphic = new FontIcon(icon);
        graphic.setIconSize(28);
        Label heading = new Label(title);
        heading.getStyleClass().add("title-4");
        Label text = new Label(hint);
        text.setWrapText(true);
        text.getStyleClass().add("text-muted");
        VBox placeholder = new VBox(8, graphic, heading, text);
        placeholder.setAlignment(Pos.CENTER);
        placeholder.getStyleClass().add("slot-placeholder");
        return placeholder;
    }

    /** Puts the lab pane (left) in place of the placeholder. */
    public void setLabPane(Node content) {
        labSlot.getChildren().setAll(content);
    }

    /** Says in the lab slot that no lab could be opened, and why. */
    public void showNoLab(String why) {
        labSlot.getChildren().setAll(placeholder(Feather.BOOK_OPEN, "No lab open", why));
    }

    /** Puts the watch dock (right) in place of the placeholder. */
    public void setWatchDock(Node content) {
        watchSlot.getChildren().setAll(content);
    }

    public List<Double> dividerPositions() {
        return java.util.Arrays.stream(split.getDividerPositions()).boxed().toList();
    }

    public void setDividerPositions(List<Double> positions) {
        split.setDividerPositions(positions.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public SplitPane split() {
        return split;
    }
}
