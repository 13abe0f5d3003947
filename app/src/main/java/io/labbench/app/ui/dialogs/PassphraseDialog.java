package io.labbench.app.ui.dialogs;

import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Asks for an encrypted private key's passphrase. The answer is handed back as a char array and the
 * field is cleared, so the passphrase is not kept in the dialog after it closes.
 */
public final class PassphraseDialog extends Dialog<char[]> {

    private final PasswordField field = new PasswordField();

    public PassphraseDialog(Window owner, String keyFile, String endpointName) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Key passphrase");
        setHeaderText("Passphrase for " + keyFile);
        setGraphic(new FontIcon(Feather.KEY));
        field.setId("passphrase-field");
        field.setPromptText("passphrase");
        Label why = new Label("Needed to connect to " + endpointName
                + ". It is used for this session only and never stored.");
        why.setWrapText(true);
        why.setMaxWidth(420);
        VBox content = new VBox(8, why, field);
        content.setPadding(new Insets(8));
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        setOnShown(e -> field.requestFocus());
        setResultConverter(button -> {
            char[] answer = button == ButtonType.OK ? field.getText().toCharArray() : null;
            field.clear();
            return answer;
        });
    }

    /** Shows the dialog and waits; empty when cancelled. The caller must wipe the array after use. */
    public Optional<char[]> ask() {
        return showAndWait();
    }
}
