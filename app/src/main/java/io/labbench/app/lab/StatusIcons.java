package io.labbench.app.lab;

import io.labbench.labmodel.engine.StepStatus;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The icon that shows a step's or check's state at a glance. */
final class StatusIcons {
    private StatusIcons() {
    }

    static FontIcon forStep(StepStatus status) {
        return switch (status) {
            case CHECK_PASSED -> icon(Feather.CHECK_CIRCLE, "status-passed");
            case FAILED -> icon(Feather.X_CIRCLE, "status-failed");
            case DONE -> icon(Feather.CHECK, "status-done");
            case STARTED -> icon(Feather.PLAY_CIRCLE, "status-started");
            case SKIPPED -> icon(Feather.SKIP_FORWARD, "status-skipped");
            case NOT_STARTED -> icon(Feather.CIRCLE, "status-not-started");
        };
    }

    static FontIcon forCheck(CheckRow.State state) {
        return switch (state) {
            case PASSED -> icon(Feather.CHECK_CIRCLE, "status-passed");
            case FAILED -> icon(Feather.X_CIRCLE, "status-failed");
            case RUNNING -> icon(Feather.LOADER, "status-started");
            case NOT_RUN -> icon(Feather.CIRCLE, "status-not-started");
        };
    }

    private static FontIcon icon(Feather glyph, String style) {
        FontIcon icon = new FontIcon(glyph);
        icon.getStyleClass().add(style);
        icon.setIconSize(14);
        return icon;
    }
}
