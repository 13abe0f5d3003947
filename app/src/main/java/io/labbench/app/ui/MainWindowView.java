package io.labbench.app.ui;

import io.labbench.app.ui.status.StatusBarView;
import io.labbench.app.ui.terminal.TerminalAreaView;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
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
    private final TerminalAreaView terminals;
    private boolean watchesInCentre;
    private Stage labWindow;
    private List<Double> beforeWide;
    private List<Double> detachedPositions = List.of();
    private double beforeCentre;

    public MainWindowView(MenuBar menu, TerminalAreaView terminals, StatusBarView status) {
        this.terminals = terminals;
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

    /**
     * Puts the watch dock in the terminal area's place (wide tables) and the terminals in the dock's
     * column, or back. The positions of the dividers stay, so each area gets the other's width.
     */
    public void setWatchesInCentre(boolean inCentre) {
        if (inCentre == watchesInCentre) {
            return;
        }
        watchesInCentre = inCentre;
        double[] positions = split.getDividerPositions();
        List<Node> items = new ArrayList<>(split.getItems());
        int dock = items.indexOf(watchSlot);
        int area = items.indexOf(terminals);
        items.set(dock, terminals);
        items.set(area, watchSlot);
        split.getItems().setAll(items);
        SplitPane.setResizableWithParent(watchSlot, !inCentre);
        SplitPane.setResizableWithParent(terminals, inCentre);
        if (positions.length == 2 && inCentre) {
            beforeCentre = positions[1];
            if (split.getWidth() > 0) {
                // wide tables are the point: the terminals keep about 400 px at the side
                positions[1] = Math.max(positions[1], 1 - 400 / split.getWidth());
            }
        } else if (positions.length == 2 && beforeCentre > 0) {
            positions[1] = beforeCentre;
        }
        split.setDividerPositions(positions);
    }

    public boolean watchesInCentre() {
        return watchesInCentre;
    }

    /** Gives the lab guide about half the window (reading long steps), or its width back. */
    public void toggleLabWide() {
        if (labWindow != null || split.getDividers().isEmpty()) {
            return;
        }
        if (beforeWide != null) {
            setDividerPositions(beforeWide);
            beforeWide = null;
            return;
        }
        beforeWide = dividerPositions();
        double[] now = split.getDividerPositions();
        double wide = Math.max(now[0], 0.48);
        split.setDividerPositions(wide, Math.max(wide + 0.05, now.length > 1 ? now[1] : 1));
    }

    /** Shows the lab guide in a window of its own (a second screen), or puts it back into the main window. */
    public void toggleLabDetached() {
        if (labWindow != null) {
            labWindow.hide();
            return;
        }
        if (labSlot.getChildren().isEmpty() || getScene() == null) {
            return;
        }
        List<Double> positions = dividerPositions();
        detachedPositions = positions;
        Node guide = labSlot.getChildren().get(0);
        labSlot.getChildren().clear();
        split.getItems().remove(labSlot);
        StackPane root = new StackPane(guide);
        root.getStyleClass().addAll(getStyleClass());
        Scene scene = new Scene(root, Math.max(640, labSlot.getWidth()), Math.max(600, getHeight()));
        scene.getStylesheets().setAll(getScene().getStylesheets());
        labWindow = new Stage();
        labWindow.initOwner(getScene().getWindow());
        labWindow.setTitle("Lab guide — LabBench");
        labWindow.setScene(scene);
        labWindow.setOnHidden(e -> {
            root.getChildren().clear();
            labSlot.getChildren().setAll(guide);
            split.getItems().add(0, labSlot);
            labWindow = null;
            setDividerPositions(positions);
        });
        labWindow.show();
    }

    public boolean labDetached() {
        return labWindow != null;
    }

    /** The main split's divider positions; while the guide is detached or the dock is in the centre, as they were before. */
    public List<Double> dividerPositions() {
        if (labWindow != null) {
            return detachedPositions;
        }
        List<Double> now = java.util.Arrays.stream(split.getDividerPositions()).boxed().toList();
        if (watchesInCentre && now.size() == 2) {
            // the dock's column is in the middle for now: keep the splits it had at the side
            return List.of(now.get(0), beforeCentre);
        }
        return now;
    }

    public void setDividerPositions(List<Double> positions) {
        if (positions.size() == split.getDividers().size()) {
            split.setDividerPositions(positions.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    public SplitPane split() {
        return split;
    }
}
