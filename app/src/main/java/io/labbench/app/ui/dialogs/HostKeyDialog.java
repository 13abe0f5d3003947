package io.labbench.app.ui.dialogs;

import io.labbench.sessions.ssh.HostKeyDecision;
import io.labbench.sessions.ssh.UnknownHostKey;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * "The authenticity of host … can't be established": shows the host and the key's SHA256 fingerprint
 * (selectable, to compare with the server's console) and offers accept once, accept and remember
 * (written to known_hosts), or cancel.
 */
public final class HostKeyDialog extends Dialog<HostKeyDecision> {

    public static final ButtonType ACCEPT_ONCE = new ButtonType("Accept once", ButtonBar.ButtonData.OTHER);
    public static final ButtonType ACCEPT_ALWAYS = new ButtonType("Accept and remember", ButtonBar.ButtonData.OK_DONE);

    public HostKeyDialog(Window owner, UnknownHostKey key) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Unknown host key");
        setHeaderText("LabBench has not seen the host of " + key.endpointName() + " before");
        setGraphic(new FontIcon(Feather.SHIELD));
        TextField fingerprint = new TextField(key.sha256Fingerprint());
        fingerprint.setEditable(false);
        fingerprint.setId("host-key-fingerprint");
        fingerprint.setPrefColumnCount(52);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(8));
        grid.addRow(0, new Label("Host"), new Label(key.hostEntry()));
        grid.addRow(1, new Label("Key type"), new Label(key.keyType()));
        grid.addRow(2, new Label("Fingerprint"), fingerprint);
        Label advice = new Label("Compare the fingerprint with the server's own (ssh-keygen -lf"
                + " /etc/ssh/ssh_host_*_key.pub on it). \"Accept and remember\" adds it to " + key.knownHostsFile() + ".");
        advice.setWrapText(true);
        advice.setMaxWidth(520);
        grid.add(advice, 0, 3, 2, 1);
        key.warning().ifPresent(text -> {
            // The host is not new: it now offers a key of a type it was not known by.
            setHeaderText("The host of " + key.endpointName() + " offers a key of a new type");
            Label warning = new Label(text);
            warning.setId("host-key-warning");
            warning.getStyleClass().add("danger");
            // Bold in every theme: this is the line a learner must not skim past.
            warning.setStyle("-fx-font-weight: bold;");
            warning.setWrapText(true);
            warning.setMaxWidth(520);
            grid.add(warning, 0, 4, 2, 1);
        });
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(ACCEPT_ONCE, ACCEPT_ALWAYS, ButtonType.CANCEL);
        setResultConverter(button -> {
            if (button == ACCEPT_ONCE) {
                return HostKeyDecision.ACCEPT_ONCE;
            }
            if (button == ACCEPT_ALWAYS) {
                return HostKeyDecision.ACCEPT_ALWAYS;
            }
            return HostKeyDecision.CANCEL;
        });
    }
}
