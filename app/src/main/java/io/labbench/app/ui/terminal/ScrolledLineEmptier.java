package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.Color;
import com.techsenger.jeditermfx.core.CursorShape;
import com.techsenger.jeditermfx.core.RequestOrigin;
import com.techsenger.jeditermfx.core.TerminalColor;
import com.techsenger.jeditermfx.core.TerminalDisplay;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.core.emulator.mouse.MouseFormat;
import com.techsenger.jeditermfx.core.emulator.mouse.MouseMode;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import com.techsenger.jeditermfx.core.model.TerminalSelection;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.core.util.TermSize;
import java.util.List;

/**
 * The emulator's display, passed through, that turns the blank lines a scroll brings in at the bottom
 * into empty lines.
 *
 * <p>Why: JediTermFX 1.0.0 fills each scrolled-in line with NUL cells as wide as the screen, and writing
 * into a line that is longer than the cursor column rebuilds the whole line (a char and a style array
 * of the line's width, then new runs) for every run of text between two escape sequences. Output that
 * scrolls therefore paid O(width) per run of text; into an empty line the same text is appended. A
 * line of NULs on the default background is drawn, copied, found, re-wrapped and trimmed exactly like
 * an empty line, so only such lines are emptied; a coloured blank line (the background colour erase of
 * {@code ESC[41m} then a newline) is left as the library made it.
 *
 * <p>The library scrolls the text buffer right after telling the display and then places the cursor,
 * all under the buffer's lock, so the new lines are emptied on that cursor move. A scroll without a
 * cursor move leaves its lines as they are until the next one: slower, never different.
 */
public final class ScrolledLineEmptier implements TerminalDisplay {

    private final TerminalDisplay display;
    private final TerminalTextBuffer buffer;
    private final StyleState styles;
    /** Zero-based screen rows [firstNewRow, endNewRow) that the last scroll filled with blank lines. */
    private int firstNewRow;
    private int endNewRow;

    /** {@code styles} is the emulator's: its default background counts as no colour. */
    public ScrolledLineEmptier(TerminalDisplay display, TerminalTextBuffer buffer, StyleState styles) {
        this.display = display;
        this.buffer = buffer;
        this.styles = styles;
    }

    @Override
    public void scrollArea(int scrollRegionTop, int scrollRegionSize, int dy) {
        display.scrollArea(scrollRegionTop, scrollRegionSize, dy);
        if (dy < 0) {
            // Lines move up: -dy blank lines arrive at the bottom of the region (rows are one-based here).
            endNewRow = scrollRegionTop - 1 + scrollRegionSize;
            firstNewRow = Math.max(scrollRegionTop - 1, endNewRow + dy);
        }
    }

    /**
     * A scroll whose new lines are empty already ({@link NewLineScroll}): passed on, with nothing to empty on the
     * next cursor move (that move would otherwise look at them under the buffer's lock).
     */
    void scrollAreaOfEmptyLines(int scrollRegionTop, int scrollRegionSize, int dy) {
        display.scrollArea(scrollRegionTop, scrollRegionSize, dy);
    }

    @Override
    public void setCursor(int x, int y) {
        if (endNewRow > firstNewRow) {
            emptyBlankLines(firstNewRow, Math.min(endNewRow, buffer.getHeight()));
            endNewRow = firstNewRow;
        }
        display.setCursor(x, y);
    }

    private void emptyBlankLines(int from, int to) {
        TerminalColor defaultBackground = defaultBackground();
        buffer.lock();
        try {
            for (int row = from; row < to; row++) {
                TerminalLine line = buffer.getLine(row);
                if (isColourlessBlank(line, defaultBackground)) {
                    // Deleting every cell with the empty style leaves no filler behind: an empty line.
                    line.deleteCharacters(0, TextStyle.EMPTY);
                }
            }
        } finally {
            buffer.unlock();
        }
    }

    private static boolean isColourlessBlank(TerminalLine line, TerminalColor defaultBackground) {
        List<TerminalLine.TextEntry> entries = line.getEntries();
        if (entries.isEmpty() || line.isWrapped()) {
            return false;
        }
        for (TerminalLine.TextEntry entry : entries) {
            if (!isColourlessBlank(entry, defaultBackground)) {
                return false;
            }
        }
        return true;
    }

    /** NULs on no colour or the default background, not inverse: drawn exactly as nothing. */
    static boolean isColourlessBlank(TerminalLine.TextEntry entry, TerminalColor defaultBackground) {
        TextStyle style = entry.getStyle();
        // Identity, not equals: TerminalColor.equals holds for any two theme-following colours.
        TerminalColor background = style.getBackground();
        boolean plainBackground = background == null || background == defaultBackground;
        return entry.isNul() && plainBackground && !style.hasOption(TextStyle.Option.INVERSE);
    }

    private TerminalColor defaultBackground() {
        return defaultBackground(styles);
    }

    /**
     * After a reset the emulator's current style is its default style, whose background the blank lines
     * then carry; a default style without one is drawn as no colour, which the library reports by throwing.
     */
    static TerminalColor defaultBackground(StyleState styles) {
        try {
            return styles.getDefaultBackground();
        } catch (NullPointerException noDefaultBackground) {
            return null;
        }
    }

    @Override
    public void setCursorShape(CursorShape shape) {
        display.setCursorShape(shape);
    }

    @Override
    public void beep() {
        display.beep();
    }

    @Override
    public void onResize(TermSize size, RequestOrigin origin) {
        display.onResize(size, origin);
    }

    @Override
    public void setCursorVisible(boolean visible) {
        display.setCursorVisible(visible);
    }

    @Override
    public void useAlternateScreenBuffer(boolean enabled) {
        display.useAlternateScreenBuffer(enabled);
    }

    @Override
    public String getWindowTitle() {
        return display.getWindowTitle();
    }

    @Override
    public void setWindowTitle(String title) {
        display.setWindowTitle(title);
    }

    @Override
    public TerminalSelection getSelection() {
        return display.getSelection();
    }

    @Override
    public void terminalMouseModeSet(MouseMode mode) {
        display.terminalMouseModeSet(mode);
    }

    @Override
    public void setMouseFormat(MouseFormat format) {
        display.setMouseFormat(format);
    }

    @Override
    public boolean ambiguousCharsAreDoubleWidth() {
        return display.ambiguousCharsAreDoubleWidth();
    }

    @Override
    public void setBracketedPasteMode(boolean enabled) {
        display.setBracketedPasteMode(enabled);
    }

    @Override
    public Color getWindowForeground() {
        return display.getWindowForeground();
    }

    @Override
    public Color getWindowBackground() {
        return display.getWindowBackground();
    }
}
