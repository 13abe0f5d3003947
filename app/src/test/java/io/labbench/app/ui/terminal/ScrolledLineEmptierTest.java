package io.labbench.app.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.techsenger.jeditermfx.core.model.TerminalLine;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * A pane's emulator (headless) against JediTermFX as it comes, fed the same output: real listings from
 * the fixtures, coloured, wrapped, rewritten in place, with coloured blank lines.
 */
class ScrolledLineEmptierTest {

    private static final String ESC = "\u001b";
    private static final int COLUMNS = 100;
    private static final int ROWS = 30;

    private static String fixture(String name) throws IOException {
        try (InputStream in = ScrolledLineEmptierTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A few thousand lines as a busy lab terminal shows them (fewer than the scrollback: nothing is trimmed). */
    private static String labOutput() throws IOException {
        List<String> listings = List.of(fixture("iptables-t-nat-L-n-v-kube-proxy-flannel.txt"),
                fixture("kubectl-get-pods-o-wide-ebs-csi-node.txt"), fixture("conntrack-L-tcp-udp-stale-kind-issue101607.txt"));
        StringBuilder out = new StringBuilder();
        for (int round = 0; round < 25; round++) {
            out.append(ESC).append("[1;32mroot@worker1").append(ESC).append("[0m:~# iptables -t nat -L -n -v\r\n");
            for (String listing : listings) {
                int row = 0;
                for (String line : listing.split("\n")) {
                    switch (row++ % 9) {
                        // Chain headers in colour, a line with a background, the rest as printed (long ones wrap).
                        case 0 -> out.append(ESC).append("[33m").append(line).append(ESC).append("[0m");
                        case 4 -> out.append(ESC).append("[44;37m").append(line).append(ESC).append("[0m");
                        default -> out.append(line);
                    }
                    out.append("\r\n");
                }
            }
            // A progress line rewritten in place, a coloured blank line (background colour erase), an erased tail.
            out.append("progress 10%\rprogress 99%").append(ESC).append("[K\r\n");
            out.append(ESC).append("[41m\r\n").append(ESC).append("[0m");
            out.append("half-erased line").append(ESC).append("[5D").append(ESC).append("[K\r\n");
        }
        return out.toString();
    }

    @Test
    void scrolledOutputLooksCellForCellAsTheLibraryAloneShowsIt() throws IOException {
        String output = labOutput();
        HeadlessTerminal stock = HeadlessTerminal.stock(COLUMNS, ROWS, TerminalSettings.SCROLLBACK_LINES).feed(output);
        HeadlessTerminal pane = HeadlessTerminal.likeAPane(COLUMNS, ROWS).feed(output);

        assertThat(pane.buffer().getHistoryLinesCount()).isGreaterThan(2_000)
                .isEqualTo(stock.buffer().getHistoryLinesCount());
        assertThat(TerminalCells.cells(pane.buffer())).containsExactlyElementsOf(TerminalCells.cells(stock.buffer()));
        assertThat(TerminalText.lines(pane.buffer())).containsExactlyElementsOf(TerminalText.lines(stock.buffer()));
    }

    @Test
    void aColouredBlankLineKeepsItsBackgroundAcrossTheRow() {
        HeadlessTerminal pane = HeadlessTerminal.likeAPane(COLUMNS, ROWS)
                .feed("x\r\n".repeat(ROWS) + ESC + "[41m\r\n\r\n" + ESC + "[0mafter\r\n");

        TerminalTextBuffer buffer = pane.buffer();
        int afterRow = TerminalText.lines(buffer).indexOf("after") - buffer.getHistoryLinesCount();
        // The first newline in red scrolled in a red blank line; the second moved on to the next one.
        TerminalLine red = buffer.getLine(afterRow - 1);
        assertThat(TerminalCells.cell(red, 0)).isEqualTo("blank on index 1");
        assertThat(TerminalCells.cell(red, COLUMNS - 1)).isEqualTo("blank on index 1");
    }

    @Test
    void plainScrolledLinesHoldOnlyWhatWasWritten() {
        HeadlessTerminal pane = HeadlessTerminal.likeAPane(COLUMNS, ROWS).feed("plain line\r\n".repeat(3 * ROWS));

        // No screen-wide filler left behind the text: writing into such a line appends instead of
        // rebuilding it, which is what made scrolling output slow.
        TerminalLine line = pane.buffer().getLine(ROWS - 2);
        assertThat(line.getText()).isEqualTo("plain line");
        assertThat(line.getEntries()).extracting(TerminalLine.TextEntry::getLength).containsExactly(10);
    }
}
