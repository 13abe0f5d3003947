package io.labbench.app.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pane's terminal writes plain text past JediTermFX's character-set decoding; what the user sees must
 * be what the library alone shows, also for text and states where decoding does change the text.
 */
class UndecodedWriteTest {

    private static final String ESC = "\u001b";
    private static final int COLUMNS = 80;
    private static final int ROWS = 12;

    /**
     * Starts as a shell's first prompt does, with a style reset: before any, the library fills scrolled-in
     * lines with the default colours spelled out, which the pane's emptied lines leave out (drawn the
     * same, see {@link ScrolledLineEmptier}), and that would hide what is compared here.
     */
    private static void assertLooksAsTheLibraryShowsIt(String text) {
        String output = ESC + "[0m" + text;
        HeadlessTerminal stock = HeadlessTerminal.stock(COLUMNS, ROWS, TerminalSettings.SCROLLBACK_LINES).feed(output);
        HeadlessTerminal pane = HeadlessTerminal.likeAPane(COLUMNS, ROWS).feed(output);
        assertThat(TerminalCells.cells(pane.buffer())).containsExactlyElementsOf(TerminalCells.cells(stock.buffer()));
    }

    @Test
    void thePrivateWriteIsReachableInThisLibraryVersion() {
        // Without it every write silently takes the slow path: the tests below would still pass.
        assertThat(UndecodedWrite.of(HeadlessTerminal.likeAPane(COLUMNS, ROWS).terminal())).isNotNull();
    }

    @Test
    void plainAndLatinTextLooksAsTheLibraryShowsIt() {
        assertLooksAsTheLibraryShowsIt(ESC + "[1;32mroot@worker1" + ESC + "[0m:~# ip route\r\n"
                + "default via 10.0.0.1 dev eth0 proto dhcp src 10.0.1.23 metric 100\r\n"
                + "Grüße, café, ±5 °C, ½ µs, Łódź, ǅ, ʃ ˈ\r\n".repeat(3 * ROWS));
    }

    @Test
    void lineGraphicsInG0AreStillDecoded() {
        String box = ESC + "(0lqqqk\r\nx   x\r\nmqqqj" + ESC + "(B\r\nqq after\r\n";
        assertLooksAsTheLibraryShowsIt(box);

        List<String> lines = TerminalText.lines(HeadlessTerminal.likeAPane(COLUMNS, ROWS).feed(box).buffer());
        assertThat(lines).startsWith("┌───┐", "│   │", "└───┘", "qq after");
    }

    @Test
    void aSingleShiftToLineGraphicsDecodesTheNextCharOnly() {
        // G2 made DEC graphics, then SS2: one char from G2, the rest from G0.
        assertLooksAsTheLibraryShowsIt(ESC + "*0" + ESC + "Nqqq\r\n" + ESC + "Oqqq\r\nqqq\r\n");
    }

    @Test
    void combiningMarksAndWideTextGoTheLibrarysWay() {
        // e + COMBINING ACUTE is composed to é; box drawing, CJK and emoji are outside the passed range.
        assertLooksAsTheLibraryShowsIt("cafe\u0301 ok\r\n┌─┐ 日本語 \uD83D\uDE00 done\r\n" + "x\r\n".repeat(ROWS));
    }

    @Test
    void afterAResetTextIsPlainAgain() {
        assertLooksAsTheLibraryShowsIt(ESC + "(0qqq" + ESC + "cqqq plain\r\n");
    }

    @Test
    void textInThePassedRangeIsLeftAsItIsByNormalisation() {
        // The claim the bypass rests on, checked for every char it passes and every pair of them.
        List<Character> passed = new ArrayList<>();
        for (char c = 0; c < 0x400; c++) {
            if (UndecodedWrite.unchangedByDecoding(new char[] {c})) {
                passed.add(c);
            }
        }
        assertThat(passed).contains('a', '~', '\u00e9', '\u02ff').doesNotContain('\u001b', '\u0085', '\u0301');
        for (char first : passed) {
            for (char second : passed) {
                String pair = "" + first + second;
                if (!Normalizer.normalize(pair, Normalizer.Form.NFC).equals(pair)) {
                    throw new AssertionError("NFC changes U+%04X U+%04X".formatted((int) first, (int) second));
                }
            }
        }
    }
}
