package io.labbench.app.ui.dialogs;

import io.labbench.sessions.ssh.ChangedHostKey;
import io.labbench.sessions.ssh.HostKeyDecision;
import io.labbench.sessions.ssh.HostKeyVerifier;
import io.labbench.sessions.ssh.UnknownHostKey;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.stage.Window;

/** The sessions module's host-key questions, answered with {@link HostKeyDialog} on the JavaFX thread. */
public final class FxHostKeyVerifier implements HostKeyVerifier {

    private final Supplier<Window> owner;

    public FxHostKeyVerifier(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public HostKeyDecision decideUnknown(UnknownHostKey key) {
        try {
            return FxPrompts.askOnFxThread(
                    () -> new HostKeyDialog(owner.get(), key).showAndWait().orElse(HostKeyDecision.CANCEL));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HostKeyDecision.CANCEL;
        }
    }

    @Override
    public void refusedChanged(ChangedHostKey key) {
        javafx.application.Platform.runLater(() -> {
            Alert alert = new Alert(Alert.AlertType.ERROR, key.advice());
            alert.initOwner(owner.get());
            alert.setTitle("Host key changed");
            alert.setHeaderText("Refused to connect to " + key.endpointName());
            alert.getDialogPane().setMinWidth(520);
            alert.show();
        });
    }
}
