package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.TerminalColor;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.core.util.CharUtils;
import java.util.ArrayList;
import java.util.List;

/** A text buffer as a user sees it, cell by cell: to compare a pane's emulator with the library's own. */
final class TerminalCells {

    private TerminalCells() {
    }

    /** What a user sees in one cell: the character, its colours and attributes; a blank shows only its background. */
    static String cell(TerminalLine line, int x) {
        String text = line.getText();
        char c = x < text.length() ? text.charAt(x) : ' ';
        TextStyle style = line.getStyleAt(x);
        TerminalColor background = style == null ? null : style.getBackground();
        if (c == ' ' || c == CharUtils.NUL_CHAR) {
            return "blank on " + colour(background);
        }
        return c + " " + colour(style.getForeground()) + " on " + colour(background)
                + (style.hasOption(TextStyle.Option.BOLD) ? " bold" : "");
    }

    private static String colour(TerminalColor color) {
        return color == null ? "default" : color.isIndexed() ? "index " + color.getColorIndex() : "rgb " + color.toColor();
    }

    /** Every row of history and screen, oldest first, each as its numbered cells. */
    static List<String> cells(TerminalTextBuffer buffer) {
        List<String> rows = new ArrayList<>();
        buffer.lock();
        try {
            for (int row = -buffer.getHistoryLinesCount(); row < buffer.getHeight(); row++) {
                TerminalLine line = buffer.getLine(row);
                StringBuilder cells = new StringBuilder(row + ":");
                for (int x = 0; x < buffer.getWidth(); x++) {
                    cells.append(" [").append(cell(line, x)).append(']');
                }
                rows.add(cells.toString());
            }
        } finally {
            buffer.unlock();
        }
        return rows;
    }
}
