package io.labbench.app.lab;

import org.fxmisc.richtext.StyleClassedTextArea;

/** A read-only, syntax-highlighted command, sized to its lines. */
final class CommandView extends StyleClassedTextArea {
    private static final double LINE_HEIGHT = 19;

    CommandView(String command) {
        super(false);
        getStyleClass().add("command-area");
        setEditable(false);
        setWrapText(true);
        replaceText(command);
        setStyleSpans(0, CommandHighlighter.highlight(command));
        setPadding(new javafx.geometry.Insets(6, 8, 6, 8));
        long lines = command.lines().count();
        double height = Math.max(1, lines) * LINE_HEIGHT + 14;
        setPrefHeight(height);
        setMinHeight(LINE_HEIGHT + 14);
        // Wrapped lines make it taller than its line count: follow the laid-out height.
        totalHeightEstimateProperty().addListener((obs, old, now) -> {
            if (now != null && now > 0) {
                setPrefHeight(now + 14);
            }
        });
    }
}
