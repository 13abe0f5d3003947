package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.model.LinesBuffer;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import com.techsenger.jeditermfx.core.model.TerminalHistoryBufferListener;
import com.techsenger.jeditermfx.core.model.TerminalModelListener;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;

/**
 * Keeps a terminal's scrollback at {@code limit} to {@code limit + slack} lines by dropping the oldest
 * lines {@code slack} at a time.
 *
 * <p>Why not the library's own limit: JediTermFX 1.0.0 caps its history {@code LinesBuffer} by copying
 * the whole scrollback into a new list for every line scrolled off a full history, so output slows to
 * O(scrollback) per line (0.7 MB/s through 10,000 lines). Its text buffer creates that list privately
 * and has no factory to hand it another storage, so the widget's history is made unlimited instead
 * ({@link TerminalSettings#getBufferMaxLinesCount()}) and this listener trims it: one copy of the
 * scrollback per {@code slack} lines, amortised O(limit / slack) per line.
 *
 * <p>Dropping lines from the top moves nothing a user is looking at: the panel's scroll position,
 * selections and find results count history rows up from the screen, not down from the oldest line.
 */
public final class ScrollbackTrimmer implements TerminalModelListener, TerminalHistoryBufferListener {

    /**
     * {@code LinesBuffer.myLines}, to drop the oldest lines in place. Why: the library's {@code removeTopLines} copies
     * the lines it keeps into a new list of exactly their number, which the next scrolled line then grows by half
     * again (another copy): 100 KB of reference arrays per trim at 10,000 lines, 25 MB of a 20 MB cold pass (JFR
     * allocation samples). In place, the list keeps its array: the cold 20 MB pass allocates 249-256 -> 214-223 MB
     * and read 6.7-21.8 -> 10.7-19.1 MB/s, 3 of 4 interleaved pairs faster (load 5.0-5.6). Null (the library's way)
     * if out of reach.
     */
    private static final VarHandle LINES = LibraryPrivates.reach(ScrollbackTrimmer.class,
            "JediTermFX's scrollback list is out of reach; the scrollback is trimmed the library's way",
            () -> LibraryPrivates.field(LinesBuffer.class, "myLines", ArrayList.class)).orElse(null);

    /** Lines dropped at once past the limit: a tenth of the app's scrollback, so one copy per 1,000 lines. */
    public static final int SLACK = TerminalSettings.SCROLLBACK_LINES / 10;

    private final TerminalTextBuffer buffer;
    private final int limit;
    private final int slack;

    private ScrollbackTrimmer(TerminalTextBuffer buffer, int limit, int slack) {
        if (limit < 1 || slack < 1) {
            throw new IllegalArgumentException("limit and slack must be positive: " + limit + ", " + slack);
        }
        this.buffer = buffer;
        this.limit = limit;
        this.slack = slack;
    }

    /** Caps the scrollback of a buffer whose own history was created unlimited. */
    public static ScrollbackTrimmer attach(TerminalTextBuffer buffer, int limit, int slack) {
        ScrollbackTrimmer trimmer = new ScrollbackTrimmer(buffer, limit, slack);
        // Lines reach the history on scrolling and on resize (both fire a model change) and when the
        // screen is cleared into the history (fires only the history listener).
        buffer.addModelListener(trimmer);
        buffer.addHistoryBufferListener(trimmer);
        return trimmer;
    }

    /** The app's scrollback: {@link TerminalSettings#SCROLLBACK_LINES} plus up to {@link #SLACK}. */
    public static ScrollbackTrimmer attach(TerminalTextBuffer buffer) {
        return attach(buffer, TerminalSettings.SCROLLBACK_LINES, SLACK);
    }

    @Override
    public void modelChanged() {
        trimIfOver();
    }

    @Override
    public void historyBufferLineCountChanged() {
        trimIfOver();
    }

    @SuppressWarnings("unchecked")
    private static void removeTopLines(LinesBuffer history, int count) {
        if (LINES == null) {
            history.removeTopLines(count);
            return;
        }
        ArrayList<TerminalLine> lines = (ArrayList<TerminalLine>) LINES.get(history);
        lines.subList(0, Math.min(count, lines.size())).clear();
    }

    /** Kept out of line by app/jvm.options (CompileCommand=dontinline, by this name): see there why. */
    private void trimIfOver() {
        // Called for every write the emulator makes, so the common case is one size check. Writers
        // already hold the buffer's (reentrant) lock; taking it again covers any caller that does not.
        if (buffer.getHistoryBuffer().getLineCount() <= limit + slack) {
            return;
        }
        buffer.lock();
        try {
            // The alternate screen (vi, less) has a history of its own: trim whichever is current.
            LinesBuffer history = buffer.getHistoryBuffer();
            int over = history.getLineCount() - limit;
            if (over > slack) {
                removeTopLines(history, over);
            }
        } finally {
            buffer.unlock();
        }
    }
}
