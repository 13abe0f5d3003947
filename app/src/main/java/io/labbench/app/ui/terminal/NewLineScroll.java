package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.TerminalDisplay;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

/**
 * The scroll a pane's terminal makes when output moves the cursor below the scroll region ({@code scrollY}: a
 * newline or a wrap on the bottom row), done straight in the pane's {@link ScrollingScreenLines} when the line it
 * brings in is blank on no colour.
 *
 * <p>Why: for every such scroll JediTermFX 1.0.0 builds a filler line as wide as the screen (a {@code char[]} of
 * NULs, then its clone in the filler's text entry: 2 x 256 bytes at 120 columns, with a style, a buffer and an
 * entry around them), a buffer for the removed line and a list it copies the line through on its way into the
 * scrollback; the screen lines then throw the filler away, since they make a colourless blank line empty
 * ({@link ScrollingScreenLines}). A {@code cat} scrolls once per line of output, so that was about 0.8 KB of garbage
 * per line, for the serial collector to sweep past the scrollback it copies. Here the line moves from the screen's
 * list into the scrollback's and an empty line takes its place; the lines, their order, the cursor, the display's
 * calls and the buffer's change event are those of the library's scroll (fired once, after the scrollback has the
 * lines; the library fires it also in between).
 *
 * <p>Figures (EmulatorThroughputBenchmark's 20 MB stream in a fresh JVM with app/jvm.options, 120 x 40, this scroll
 * on/off interleaved): the cold pass's thread-allocated bytes 497-522 -> 296-309 MB, its GC pauses 0.24-0.40 ->
 * 0.13-0.19 s (9 pairs, load 2.6-3.9); with stress-ng --cpu 1 beside it GC 0.39-0.74 -> 0.24-0.28 s and the cold
 * pass 4.8-6.1 -> 6.4-6.8 MB/s (3 pairs, load 3.5-4.2). The reading thread's CPU did not move measurably
 * (0.82-1.17 vs 0.74-1.01 s); the warm passes allocate 470-485 -> 267-275 MB. Answering the library's scrollY
 * here when the cursor is inside the region (no lock), and not having the display look at the new lines: the cold
 * pass's reading-thread CPU 0.98-1.38 -> 0.57-1.25 s, lower in 4 of 4 pairs (load 6.5-11.4, other jobs running).
 *
 * <p>A coloured current background (the new line takes it), the alternate screen (vi, less: the library's own
 * lines) and a terminal whose private parts are out of reach take the library's scroll. Scroll regions ({@code
 * ESC[r}) are honoured as the library honours them: only a region from the top row feeds the scrollback.
 */
final class NewLineScroll {

    /** {@code JediTerminal.myCursorY}, its scroll region, and {@code TerminalTextBuffer.fireModelChangeEvent}. */
    private record Privates(VarHandle cursorY, VarHandle regionTop, VarHandle regionBottom, MethodHandle fireModelChange) {
    }

    /** Null if the library's private parts cannot be reached. */
    private static final Privates PRIVATES = LibraryPrivates.reach(NewLineScroll.class,
            "JediTermFX's cursor and scroll region are out of reach; terminals scroll the library's way",
            () -> new Privates(
                    LibraryPrivates.field(JediTerminal.class, "myCursorY", int.class),
                    LibraryPrivates.field(JediTerminal.class, "myScrollRegionTop", int.class),
                    LibraryPrivates.field(JediTerminal.class, "myScrollRegionBottom", int.class),
                    LibraryPrivates.method(TerminalTextBuffer.class, "fireModelChangeEvent",
                            MethodType.methodType(void.class))))
            .orElse(null);
    /** Static finals, so that the compiler inlines the accesses. */
    private static final VarHandle CURSOR_Y = PRIVATES == null ? null : PRIVATES.cursorY();
    private static final VarHandle REGION_TOP = PRIVATES == null ? null : PRIVATES.regionTop();
    private static final VarHandle REGION_BOTTOM = PRIVATES == null ? null : PRIVATES.regionBottom();
    private static final MethodHandle FIRE_MODEL_CHANGE = PRIVATES == null ? null : PRIVATES.fireModelChange();

    private final JediTerminal terminal;
    private final TerminalTextBuffer buffer;
    private final StyleState styles;
    /** The display the terminal was given: it is told of the scroll and the cursor as the library tells it. */
    private final TerminalDisplay display;

    private NewLineScroll(JediTerminal terminal, TerminalTextBuffer buffer, StyleState styles, TerminalDisplay display) {
        this.terminal = terminal;
        this.buffer = buffer;
        this.styles = styles;
        this.display = display;
    }

    /** For a constructed terminal and what it was made with; null if the library's private parts cannot be reached. */
    static NewLineScroll of(JediTerminal terminal, TerminalTextBuffer buffer, StyleState styles, TerminalDisplay display) {
        return CURSOR_Y == null ? null : new NewLineScroll(terminal, buffer, styles, display);
    }

    /**
     * The library's {@code scrollY} where it can do without it: true if the cursor was inside the scroll region (the
     * library would do nothing), or below it with colourless blanks to bring in (scrolled here as the library would,
     * the cursor put on the region's bottom row); false, with nothing changed, for the library's {@code scrollY}.
     */
    boolean scrollY() {
        // The library asks this before and after every run of text it writes, and takes the buffer's lock for it,
        // when the answer is nearly always that the cursor is inside the region. Only the emulator's thread moves the
        // cursor in the region, so that is read without the lock (as the library's newLine moves it); a scroll is
        // checked again under the lock.
        int cursorY = terminal.getY();
        int bottom = (int) REGION_BOTTOM.get(terminal);
        if (cursorY <= bottom) {
            return cursorY >= (int) REGION_TOP.get(terminal);
        }
        buffer.lock();
        try {
            cursorY = terminal.getY();
            bottom = (int) REGION_BOTTOM.get(terminal);
            // The library's filler takes the current style's colours (and no options): blank only without a background.
            if (cursorY <= bottom || styles.getCurrent().getBackground() != null
                    || !(buffer.getScreenBuffer() instanceof ScrollingScreenLines screen)) {
                return false;
            }
            int top = (int) REGION_TOP.get(terminal);
            int dy = bottom - cursorY;
            CURSOR_Y.set(terminal, bottom);
            // JediTerminal.scrollArea(top, size, dy), then TerminalTextBuffer.scrollArea(top, dy, bottom): the
            // removed lines reach the scrollback only when the region starts at the top row. The new lines are
            // empty already: the display is not asked to empty them.
            if (display instanceof ScrolledLineEmptier emptier) {
                emptier.scrollAreaOfEmptyLines(top, bottom - top + 1, dy);
            } else {
                display.scrollArea(top, bottom - top + 1, dy);
            }
            screen.scrollUpBlank(top - 1, -dy, bottom - 1, top == 1 ? buffer.getHistoryBuffer() : null);
            fireModelChange();
            display.setCursor(terminal.getX(), bottom);
            return true;
        } finally {
            buffer.unlock();
        }
    }

    private void fireModelChange() {
        try {
            FIRE_MODEL_CHANGE.invokeExact(buffer);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable checked) {
            // fireModelChangeEvent declares none: a checked one here is a broken library.
            throw new IllegalStateException(checked);
        }
    }
}
