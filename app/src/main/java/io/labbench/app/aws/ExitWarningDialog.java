package io.labbench.app.aws;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** The exit warning as a dialog: Quit anyway / Keep running / Open cost guard. */
final class ExitWarningDialog {

    static final String QUIT_ANYWAY = "Quit anyway";
    static final String KEEP_RUNNING = "Keep running";
    static final String OPEN_COST_GUARD = "Open cost guard";

    private ExitWarningDialog() {
    }

    static ExitWarning.Choice ask(Window owner, ExitWarning warning) {
        ButtonType quit = new ButtonType(QUIT_ANYWAY, ButtonBar.ButtonData.OTHER);
        ButtonType keep = new ButtonType(KEEP_RUNNING, ButtonBar.ButtonData.CANCEL_CLOSE);
        ButtonType open = new ButtonType(OPEN_COST_GUARD, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.WARNING, warning.text(), open, keep, quit);
        alert.initOwner(owner);
        alert.setTitle("AWS resources still running");
        alert.setHeaderText(warning.headline());
        alert.getDialogPane().setId("aws-exit-warning");
        ButtonType answer = alert.showAndWait().orElse(keep);
        if (answer == quit) {
            return ExitWarning.Choice.QUIT_ANYWAY;
        }
        return answer == open ? ExitWarning.Choice.OPEN_COST_GUARD : ExitWarning.Choice.KEEP_RUNNING;
    }
}
