package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads what a terminal shows, scrollback included, as plain lines (what a user would read). */
public final class TerminalText {

    private TerminalText() {
    }

    /** Scrollback then screen, trailing blanks of each line and trailing empty lines removed. */
    public static List<String> lines(TerminalTextBuffer buffer) {
        buffer.lock();
        try {
            List<String> lines = new ArrayList<>(buffer.getHistoryBuffer().getLineTexts());
            for (int row = 0; row < buffer.getScreenLinesCount(); row++) {
                lines.add(buffer.getLine(row).getText());
            }
            List<String> trimmed = new ArrayList<>(lines.size());
            for (String line : lines) {
                trimmed.add(line.stripTrailing());
            }
            while (!trimmed.isEmpty() && trimmed.get(trimmed.size() - 1).isEmpty()) {
                trimmed.remove(trimmed.size() - 1);
            }
            return trimmed;
        } finally {
            buffer.unlock();
        }
    }

    public static String text(TerminalTextBuffer buffer) {
        return String.join("\n", lines(buffer));
    }
}
