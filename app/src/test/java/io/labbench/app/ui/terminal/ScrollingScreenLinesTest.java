package io.labbench.app.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.techsenger.jeditermfx.core.TerminalColor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pane's screen lines scroll as JediTermFX's own do: the same cells, history and screen, for output that
 * scrolls the whole screen, a scroll region (as less, top and tmux set one), lines deleted inside it (CSI M),
 * and coloured blank lines brought in at its bottom.
 */
class ScrollingScreenLinesTest {

    private static final String ESC = "\u001b";
    private static final int COLUMNS = 60;
    private static final int ROWS = 20;

    private static void assertSameAsTheLibrary(String output) {
        HeadlessTerminal stock = HeadlessTerminal.stock(COLUMNS, ROWS, TerminalSettings.SCROLLBACK_LINES).feed(output);
        HeadlessTerminal pane = HeadlessTerminal.likeAPane(COLUMNS, ROWS).feed(output);

        assertThat(pane.buffer().getScreenBuffer()).isInstanceOf(ScrollingScreenLines.class);
        assertThat(pane.buffer().getHistoryLinesCount()).isEqualTo(stock.buffer().getHistoryLinesCount());
        assertThat(asDrawn(TerminalCells.cells(pane.buffer()))).containsExactlyElementsOf(asDrawn(TerminalCells.cells(stock.buffer())));
    }

    /**
     * Cells as the panel draws them: a blank on the default style's own background is drawn as a
     * blank on no colour, which is what a pane's {@link ScrolledLineEmptier} has always made of such lines (it
     * empties one after a reset, {@code ESC[0m}, then a cursor move, with or without these screen lines).
     */
    private static List<String> asDrawn(List<String> cells) {
        TerminalColor background = new TerminalSettings(14, false).getDefaultStyle().getBackground();
        String onDefault = "[blank on rgb " + background.toColor() + "]";
        return cells.stream().map(row -> row.replace(onDefault, "[blank on default]")).toList();
    }

    @Test
    void wholeScreenScrollingKeepsEveryLineInOrder() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 5 * ROWS; i++) {
            out.append("line ").append(i).append(i % 7 == 0 ? ESC + "[42m\r\n" + ESC + "[0m" : "\r\n");
        }
        assertSameAsTheLibrary(out.toString());
    }

    @Test
    void aScrollRegionScrollsOnlyItsOwnRows() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            out.append("before ").append(i).append("\r\n");
        }
        // Rows 5 to 15 scroll; the rows above and below stay where they are, and nothing reaches the history.
        out.append(ESC).append("[5;15r").append(ESC).append("[15;1H");
        for (int i = 0; i < 30; i++) {
            out.append(i % 5 == 0 ? ESC + "[44m" : "").append("inside ").append(i).append(ESC).append("[0m\r\n");
        }
        // Lines deleted in the middle of the region, then the region reset and the whole screen scrolled.
        out.append(ESC).append("[8;1H").append(ESC).append("[3M").append(ESC).append("[41m").append(ESC).append("[2M")
                .append(ESC).append("[0m").append(ESC).append("[r").append(ESC).append("[20;1H");
        for (int i = 0; i < 2 * ROWS; i++) {
            out.append("after ").append(i).append("\r\n");
        }
        assertSameAsTheLibrary(out.toString());
    }

    @Test
    void aFreshScreenDeletingLinesItHasNotWrittenYet() {
        assertSameAsTheLibrary("one\r\ntwo\r\n" + ESC + "[1;1H" + ESC + "[5M" + "three\r\n" + ESC + "[10M" + "four");
    }
}
