package io.labbench.app.ui.shortcuts;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Help &gt; Shortcuts: the table of {@link Shortcut}s, grouped. */
public final class ShortcutsDialog extends Dialog<Void> {

    public ShortcutsDialog(Window owner) {
        initOwner(owner);
        setTitle("Keyboard shortcuts");
        setHeaderText("Keyboard shortcuts");
        GridPane table = new GridPane();
        table.setHgap(24);
        table.setVgap(6);
        table.setPadding(new Insets(8));
        int row = 0;
        String group = "";
        for (Shortcut shortcut : Shortcut.values()) {
            if (!shortcut.group().equals(group)) {
                group = shortcut.group();
                Label heading = new Label(group);
                heading.getStyleClass().add("title-4");
                table.add(heading, 0, row++, 2, 1);
            }
            Label keys = new Label(shortcut.keys());
            keys.getStyleClass().add("shortcut-keys");
            table.add(keys, 0, row);
            table.add(new Label(shortcut.description()), 1, row++);
        }
        getDialogPane().setContent(table);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    }
}
