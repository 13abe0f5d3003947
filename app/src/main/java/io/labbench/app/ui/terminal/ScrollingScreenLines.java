package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.model.LinesBuffer;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.core.model.hyperlinks.TextProcessing;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The screen lines of a pane's text buffer, with a scroll (the library's {@code deleteLines}) that moves
 * lines within one list instead of through four.
 *
 * <p>Why: JediTermFX 1.0.0 scrolls one line by splitting the screen into three temporary
 * {@code LinesBuffer}s (above, inside and below the region) and joining them again, each move copying
 * the lines into a new list twice, then adds the new bottom line as a screen-wide run of NULs. For the
 * {@code cat} of a big file that was 40 % of everything the emulator allocated (about 25 bytes per byte
 * of output; JFR allocation samples of EmulatorThroughputBenchmark), and the serial collector of the app
 * spent more time collecting it than the emulator spent parsing. Here a scroll removes the region's top
 * lines and inserts the new ones in the same list (two array copies of at most a screen of references),
 * and a new line of NULs on no colour is made empty at once, as {@link ScrolledLineEmptier} would make it
 * (a coloured blank line keeps the library's filler). The lines, their order and their cells are the same.
 *
 * <p>The text buffer keeps its screen lines and their list private, with no factory; both are reached
 * once per class through {@link LibraryPrivates}, as {@link UndecodedWrite} reaches the terminal's. If that
 * fails (another library version, a module path), the buffer keeps the library's own screen lines.
 * The alternate screen (vi, less) gets the library's own lines from the buffer; this one comes back
 * when the application leaves it.
 */
final class ScrollingScreenLines extends LinesBuffer {

    /** {@code TerminalTextBuffer.myScreenBuffer}, {@code LinesBuffer.myLines} and its text processing. */
    private record Privates(VarHandle screen, VarHandle lines, VarHandle textProcessing) {
    }

    /** Null if the library's private parts cannot be reached. */
    private static final Privates PRIVATES = LibraryPrivates.reach(ScrollingScreenLines.class,
            "JediTermFX's screen lines are out of reach; terminals scroll the library's way",
            () -> new Privates(
                    LibraryPrivates.field(TerminalTextBuffer.class, "myScreenBuffer", LinesBuffer.class),
                    LibraryPrivates.field(LinesBuffer.class, "myLines", ArrayList.class),
                    LibraryPrivates.field(LinesBuffer.class, "myTextProcessing", TextProcessing.class)))
            .orElse(null);
    private static final VarHandle SCREEN = PRIVATES == null ? null : PRIVATES.screen();
    private static final VarHandle LINES = PRIVATES == null ? null : PRIVATES.lines();
    private static final VarHandle TEXT_PROCESSING = PRIVATES == null ? null : PRIVATES.textProcessing();

    private final TextProcessing textProcessing;

    private ScrollingScreenLines(TextProcessing textProcessing) {
        super(-1, textProcessing);
        this.textProcessing = textProcessing;
    }

    /**
     * Gives {@code buffer} these screen lines in place of the library's, with the lines it has; false
     * (the buffer left as it is) if the library's private parts cannot be reached.
     */
    static boolean install(TerminalTextBuffer buffer) {
        if (SCREEN == null) {
            return false;
        }
        buffer.lock();
        try {
            LinesBuffer current = (LinesBuffer) SCREEN.get(buffer);
            if (current instanceof ScrollingScreenLines) {
                return true;
            }
            ScrollingScreenLines screen = new ScrollingScreenLines((TextProcessing) TEXT_PROCESSING.get(current));
            screen.lines().addAll(lines(current));
            SCREEN.set(buffer, screen);
            return true;
        } finally {
            buffer.unlock();
        }
    }

    @SuppressWarnings("unchecked")
    private static ArrayList<TerminalLine> lines(LinesBuffer buffer) {
        return (ArrayList<TerminalLine>) LINES.get(buffer);
    }

    /** The current list: the library replaces it (never mutates it in place) when it drops top lines. */
    private ArrayList<TerminalLine> lines() {
        return lines(this);
    }

    /**
     * Removes {@code count} lines from row {@code y} of the scroll region that ends at row {@code lastLine},
     * moves the region's lines below them up and fills its bottom with new lines; returns the removed lines.
     * As the library's: rows not made yet (a fresh screen) are not made, so the region is what exists.
     */
    @Override
    public LinesBuffer deleteLines(int y, int count, int lastLine, TerminalLine.TextEntry filler) {
        LinesBuffer removed = new LinesBuffer(textProcessing);
        // Only NULs on no colour at all: such a line shows cell for cell what an empty one does. A filler on
        // the default style's own background (CSI M after a reset) is left to the library, as it was.
        boolean blank = ScrolledLineEmptier.isColourlessBlank(filler, null);
        deleteLines(y, count, lastLine, blank ? null : filler, removed);
        return removed;
    }

    /**
     * As {@link #deleteLines(int, int, int, TerminalLine.TextEntry)} with a filler of NULs on no colour, the
     * removed lines appended to {@code history} (none: dropped) as the text buffer's scroll moves them there,
     * without the filler and the temporary buffers the library's scroll makes for that ({@link NewLineScroll}).
     */
    void scrollUpBlank(int y, int count, int lastLine, LinesBuffer history) {
        deleteLines(y, count, lastLine, null, history);
    }

    /** {@code filler} null: new lines are empty. {@code removedTo} null: the removed lines are dropped. */
    private void deleteLines(int y, int count, int lastLine, TerminalLine.TextEntry filler, LinesBuffer removedTo) {
        ArrayList<TerminalLine> lines = lines();
        int regionEnd = Math.max(0, Math.min(lastLine + 1, lines.size()));
        int first = Math.max(0, Math.min(y, regionEnd));
        int removedCount = Math.max(0, Math.min(count, regionEnd - first));
        if (removedCount == 0) {
            return;
        }
        List<TerminalLine> gone = lines.subList(first, first + removedCount);
        if (removedTo != null) {
            // addLines copies the references (or, past a capped buffer's limit, the tail) before they are cleared;
            // one line (a newline's scroll) as a one-element list, whose copy skips a sublist's reflective array copy.
            removedTo.addLines(removedCount == 1 ? List.of(gone.get(0)) : gone);
        }
        gone.clear();
        int at = regionEnd - removedCount;
        for (int i = 0; i < removedCount; i++) {
            lines.add(at, filler == null ? new TerminalLine() : new TerminalLine(filler));
        }
    }
}
