package io.labbench.app.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.techsenger.jeditermfx.core.RequestOrigin;
import com.techsenger.jeditermfx.core.TerminalColor;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.core.util.TermSize;
import io.labbench.app.ui.bench.EmulatorThroughputBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Output that scrolls a pane leaves what stock JediTermFX leaves: the same cells (as drawn), wrap marks, scrollback
 * and cursor, whether a scroll brings in a colourless blank line (the pane's own scroll) or a coloured one, inside a
 * scroll region or not, on the alternate screen, and across resizes.
 */
class NewLineScrollTest {

    private static final String ESC = "\u001b";
    private static final int COLUMNS = 40;
    private static final int ROWS = 12;

    @Test
    void plainOutputThatScrollsManyScreens() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 10 * ROWS; i++) {
            out.append("line ").append(i).append(i % 3 == 0 ? "\n\r" : "\r\n");
        }
        assertSameAsTheLibrary(pane -> pane.feed(out.toString()));
    }

    @Test
    void colouredBackgroundsErasedLinesAndReverseVideoAtTheBottom() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 6 * ROWS; i++) {
            switch (i % 6) {
                // The new line takes the background: the library's scroll.
                case 0 -> out.append(ESC).append("[44mblue ").append(i).append("\r\n").append(ESC).append("[0m");
                // Background erase of the rest of the line, then a reset before the newline.
                case 1 -> out.append(ESC).append("[41mred").append(ESC).append("[K").append(ESC).append("[0m\r\n");
                // Reverse video across the newline: the filler takes the colours (none), not the option.
                case 2 -> out.append(ESC).append("[7m selected \r\n").append(ESC).append("[27m");
                // A 256-colour and an RGB foreground across the newline, no background.
                case 3 -> out.append(ESC).append("[38;5;208morange\r\n").append(ESC).append("[38;2;1;2;3mrgb\r\n")
                        .append(ESC).append("[39m");
                // A line erased and rewritten, as progress bars do.
                case 4 -> out.append("progress 10%\r").append(ESC).append("[2K").append("progress 99%\r\n");
                default -> out.append(ESC).append("[1;32mbold green").append(ESC).append("[0m\r\n");
            }
        }
        assertSameAsTheLibrary(pane -> pane.feed(out.toString()));
    }

    @Test
    void longLinesThatWrapOnTheBottomRow() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 4 * ROWS; i++) {
            out.append(Character.toString('a' + i % 26).repeat(COLUMNS * (1 + i % 3) + i % 7))
                    .append(i % 4 == 0 ? ESC + "[43m" : ESC + "[0m").append("\r\n");
        }
        assertSameAsTheLibrary(pane -> pane.feed(out.toString()));
    }

    @Test
    void scrollRegionsAsLessAndViSetThemAndTheirReset() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            out.append("before ").append(i).append("\r\n");
        }
        // A region below the top row: lines scrolled out of it are dropped, not kept in the scrollback.
        out.append(ESC).append("[3;9r").append(ESC).append("[9;1H");
        for (int i = 0; i < 3 * ROWS; i++) {
            out.append(i % 4 == 0 ? ESC + "[45m" : "").append("inside ").append(i).append(ESC).append("[0m\r\n");
        }
        // A region from the top row, as a status line at the bottom leaves it: these reach the scrollback.
        out.append(ESC).append("[1;").append(ROWS - 1).append('r').append(ESC).append('[').append(ROWS - 1).append(";1H");
        for (int i = 0; i < 2 * ROWS; i++) {
            out.append("top region ").append(i).append("\r\n");
        }
        // A cursor below the region (the status line) and a newline there: no scroll, the cursor stays.
        out.append(ESC).append('[').append(ROWS).append(";1Hstatus\r\n\r\n");
        out.append(ESC).append("[r").append(ESC).append('[').append(ROWS).append(";1H");
        for (int i = 0; i < 2 * ROWS; i++) {
            out.append("after ").append(i).append("\r\n");
        }
        // Index and next line (ESC D, ESC E) at the bottom row scroll too.
        out.append("index").append(ESC).append('D').append("next").append(ESC).append('E').append("end");
        assertSameAsTheLibrary(pane -> pane.feed(out.toString()));
    }

    @Test
    void theAlternateScreenScrollsAndLeavesTheMainOneAsItWas() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 2 * ROWS; i++) {
            out.append("main ").append(i).append("\r\n");
        }
        out.append(ESC).append("[?1049h").append(ESC).append("[H");
        for (int i = 0; i < 3 * ROWS; i++) {
            out.append("alternate ").append(i).append("\r\n");
        }
        out.append(ESC).append("[?1049l");
        for (int i = 0; i < 2 * ROWS; i++) {
            out.append("main again ").append(i).append("\r\n");
        }
        assertSameAsTheLibrary(pane -> pane.feed(out.toString()));
    }

    @Test
    void resizesBetweenFloodsOfOutput() {
        String flood = new String(EmulatorThroughputBenchmark.mixedStream(6_000));
        assertSameAsTheLibrary(pane -> {
            pane.feed(flood);
            pane.terminal().resize(new TermSize(COLUMNS / 2, ROWS + 5), RequestOrigin.User);
            pane.feed(flood);
            pane.terminal().resize(new TermSize(COLUMNS + 17, ROWS - 4), RequestOrigin.User);
            pane.feed(flood);
        });
    }

    @Test
    void theBenchmarksStream() {
        String flood = new String(EmulatorThroughputBenchmark.mixedStream(100_000));
        assertSameAsTheLibrary(pane -> pane.feed(flood));
    }

    /** Runs {@code steps} on a pane and on stock JediTermFX, and compares what a user sees in both. */
    private static void assertSameAsTheLibrary(Consumer<HeadlessTerminal> steps) {
        HeadlessTerminal stock = HeadlessTerminal.stock(COLUMNS, ROWS, TerminalSettings.SCROLLBACK_LINES);
        HeadlessTerminal pane = HeadlessTerminal.likeAPane(COLUMNS, ROWS);
        steps.accept(stock);
        steps.accept(pane);

        assertThat(pane.buffer().getHistoryLinesCount()).as("scrollback lines").isEqualTo(stock.buffer().getHistoryLinesCount());
        assertThat(asDrawn(TerminalCells.cells(pane.buffer()))).containsExactlyElementsOf(asDrawn(TerminalCells.cells(stock.buffer())));
        assertThat(wrapMarks(pane.buffer())).as("wrapped lines").isEqualTo(wrapMarks(stock.buffer()));
        assertThat(cursor(pane.terminal())).as("cursor").isEqualTo(cursor(stock.terminal()));
    }

    /** As {@link ScrollingScreenLinesTest}: a blank on the default style's background is drawn as one on no colour. */
    private static List<String> asDrawn(List<String> cells) {
        TerminalColor background = new TerminalSettings(14, false).getDefaultStyle().getBackground();
        String onDefault = "[blank on rgb " + background.toColor() + "]";
        return cells.stream().map(row -> row.replace(onDefault, "[blank on default]")).toList();
    }

    private static List<Integer> wrapMarks(TerminalTextBuffer buffer) {
        List<Integer> wrapped = new ArrayList<>();
        buffer.lock();
        try {
            for (int row = -buffer.getHistoryLinesCount(); row < buffer.getHeight(); row++) {
                TerminalLine line = buffer.getLine(row);
                if (line.isWrapped()) {
                    wrapped.add(row);
                }
            }
        } finally {
            buffer.unlock();
        }
        return wrapped;
    }

    private static String cursor(JediTerminal terminal) {
        return terminal.getCursorX() + "," + terminal.getCursorY();
    }
}
