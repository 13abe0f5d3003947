package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.TerminalDisplay;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;

/**
 * The terminal model of a pane: JediTermFX's, with its slow paths on fast output bypassed where the
 * result is the same ({@link UndecodedWrite}, {@link ScrolledLineEmptier}, {@link ScrollingScreenLines}, {@link NewLineScroll}),
 * and with the styles its lines keep shared ({@link SharedTextStyles}). Made in one place for the widget ({@link LabTerminalWidget}) and the headless twin the tests and benchmarks use
 * ({@link HeadlessTerminal}).
 */
public final class PaneTerminal extends JediTerminal {

    /** Null while the library's constructor runs, and if its private write cannot be reached. */
    private final UndecodedWrite undecoded;
    /** Null while the library's constructor runs (it sets no attributes then). */
    private final SharedTextStyles styles = new SharedTextStyles();
    /** Null while the library's constructor runs, and if its private parts cannot be reached. */
    private final NewLineScroll newLineScroll;

    private PaneTerminal(TerminalDisplay display, TerminalTextBuffer buffer, StyleState style) {
        super(display, buffer, style);
        undecoded = UndecodedWrite.of(this);
        newLineScroll = NewLineScroll.of(this, buffer, style, display);
    }

    /** {@code display} is the panel the library would be given; the terminal draws on it. */
    public static PaneTerminal create(TerminalDisplay display, TerminalTextBuffer buffer, StyleState style) {
        ScrollingScreenLines.install(buffer);
        return new PaneTerminal(new ScrolledLineEmptier(display, buffer, style), buffer, style);
    }

    @Override
    public void characterAttributes(TextStyle style) {
        super.characterAttributes(styles == null ? style : styles.share(style));
    }

    /**
     * Writes a run of printable characters that {@link FastPathEmulator} took from the data stream as an array the
     * stream reuses (the line keeps a copy), as {@code writeCharacters(new String(run))} would.
     */
    void writeRun(char[] run) {
        if (undecoded == null || !undecoded.writeIfUnchanged(run)) {
            super.writeCharacters(new String(run));
        }
    }

    @Override
    public void scrollY() {
        if (newLineScroll == null || !newLineScroll.scrollY()) {
            super.scrollY();
        }
    }

    @Override
    public void writeCharacters(String text) {
        if (undecoded == null || !undecoded.writeIfUnchanged(text)) {
            super.writeCharacters(text);
        }
    }
}
