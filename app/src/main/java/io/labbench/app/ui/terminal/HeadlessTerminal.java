package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.ArrayTerminalDataStream;
import com.techsenger.jeditermfx.core.CursorShape;
import com.techsenger.jeditermfx.core.TerminalDisplay;
import com.techsenger.jeditermfx.core.emulator.JediEmulator;
import com.techsenger.jeditermfx.core.emulator.mouse.MouseFormat;
import com.techsenger.jeditermfx.core.emulator.mouse.MouseMode;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalSelection;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.core.model.hyperlinks.TextProcessing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The emulator and text buffer of a terminal pane without JavaFX, for the emulator's start-up warm-up
 * ({@link EmulatorWarmUp}), tests and benchmarks: wired as
 * JediTermFxWidget's constructor wires them (default style, link processing, the settings' history
 * limit), with the panel's listeners reduced to the flags they set, plus what {@link LabTerminalWidget}
 * adds ({@link ScrollbackTrimmer}, {@link PaneTerminal}, {@link FastPathEmulator}). {@link #stock} is the library as it comes,
 * to compare against.
 */
public final class HeadlessTerminal {

    private final TerminalTextBuffer buffer;
    private final JediTerminal terminal;
    private final boolean asPane;

    private HeadlessTerminal(int columns, int rows, int scrollback, boolean asPane) {
        this.asPane = asPane;
        TerminalSettings settings = new TerminalSettings(14, false);
        StyleState style = new StyleState();
        style.setDefaultStyle(settings.getDefaultStyle());
        TextProcessing links = new TextProcessing(settings.getHyperlinkColor(), settings.getHyperlinkHighlightingMode());
        buffer = new TerminalTextBuffer(columns, rows, style,
                asPane ? settings.getBufferMaxLinesCount() : scrollback, links);
        links.setTerminalTextBuffer(buffer);
        AtomicBoolean repaint = new AtomicBoolean();
        buffer.addModelListener(() -> repaint.set(true));
        buffer.addHistoryBufferListener(() -> repaint.set(true));
        TerminalDisplay display = new NoScreen();
        if (asPane) {
            ScrollbackTrimmer.attach(buffer, scrollback, Math.max(1, scrollback / 10));
            terminal = PaneTerminal.create(display, buffer, style);
        } else {
            terminal = new JediTerminal(display, buffer, style);
        }
    }

    /** As a pane has it, with the app's scrollback. */
    public static HeadlessTerminal likeAPane(int columns, int rows) {
        return new HeadlessTerminal(columns, rows, TerminalSettings.SCROLLBACK_LINES, true);
    }

    /** As a pane has it, with another scrollback (trimmed a tenth of it at a time). */
    public static HeadlessTerminal likeAPane(int columns, int rows, int scrollback) {
        return new HeadlessTerminal(columns, rows, scrollback, true);
    }

    /** JediTermFX as it comes: its own scrollback limit, its own blank lines. */
    public static HeadlessTerminal stock(int columns, int rows, int scrollback) {
        return new HeadlessTerminal(columns, rows, scrollback, false);
    }

    /**
     * Runs the emulator over all of {@code output}, as if the shell had printed it: a pane's ({@link
     * FastPathEmulator#forPane}) or the library's.
     */
    public HeadlessTerminal feed(char[] output) {
        try {
            ArrayTerminalDataStream stream = asPane ? new ArrayRunStream(output) : new ArrayTerminalDataStream(output);
            JediEmulator emulator = asPane ? FastPathEmulator.forPane(stream, terminal) : new JediEmulator(stream, terminal);
            while (emulator.hasNext()) {
                emulator.next();
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HeadlessTerminal feed(String output) {
        return feed(output.toCharArray());
    }

    public TerminalTextBuffer buffer() {
        return buffer;
    }

    public JediTerminal terminal() {
        return terminal;
    }

    /** The emulator's view of a screen, with nothing to draw on. */
    private static final class NoScreen implements TerminalDisplay {
        private String title = "";

        @Override public void setCursor(int x, int y) { }
        @Override public void setCursorShape(CursorShape shape) { }
        @Override public void beep() { }
        @Override public void scrollArea(int scrollRegionTop, int scrollRegionSize, int dy) { }
        @Override public void setCursorVisible(boolean visible) { }
        @Override public void useAlternateScreenBuffer(boolean enabled) { }
        @Override public String getWindowTitle() { return title; }
        @Override public void setWindowTitle(String name) { title = name; }
        @Override public TerminalSelection getSelection() { return null; }
        @Override public void terminalMouseModeSet(MouseMode mode) { }
        @Override public void setMouseFormat(MouseFormat format) { }
        @Override public boolean ambiguousCharsAreDoubleWidth() { return false; }
    }
}
