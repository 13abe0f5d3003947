package io.labbench.app.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.techsenger.jeditermfx.core.RequestOrigin;
import com.techsenger.jeditermfx.core.util.TermSize;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The scrollback of a pane's emulator and text buffer (headless), fed numbered lines as a shell prints them. */
class ScrollbackTrimmerTest {

    private static final int LIMIT = TerminalSettings.SCROLLBACK_LINES;

    private static String numberedLines(String prefix, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i <= to; i++) {
            out.append(prefix).append(i).append("\r\n");
        }
        return out.toString();
    }

    private static List<Integer> numbersOf(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> Integer.parseInt(l.substring(prefix.length())))
                .toList();
    }

    @Test
    void keepsAtLeastTenThousandNewestLinesInOrderAndDropsTheOldest() {
        HeadlessTerminal pane = HeadlessTerminal.likeAPane(80, 24).feed(numberedLines("line ", 1, 30_000));

        List<Integer> kept = numbersOf(TerminalText.lines(pane.buffer()), "line ");
        assertThat(pane.buffer().getHistoryLinesCount()).isBetween(LIMIT, LIMIT + ScrollbackTrimmer.SLACK);
        assertThat(kept.get(kept.size() - 1)).isEqualTo(30_000);
        // Nothing lost or reordered in between, and what went is the oldest.
        int first = kept.get(0);
        assertThat(kept).containsExactlyElementsOf(IntStream.rangeClosed(first, 30_000).boxed().toList());
        assertThat(first).isGreaterThan(1);
        assertThat(kept.size()).isGreaterThanOrEqualTo(LIMIT);
    }

    @Test
    void neverGrowsPastTheLimitAndTheSlackWhileOutputScrolls() {
        HeadlessTerminal pane = HeadlessTerminal.likeAPane(80, 24, 100);
        int most = 0;
        for (int batch = 0; batch < 50; batch++) {
            pane.feed(numberedLines("n", batch * 37 + 1, batch * 37 + 37));
            most = Math.max(most, pane.buffer().getHistoryLinesCount());
        }
        assertThat(most).isBetween(100, 110);
        assertThat(pane.buffer().getHistoryLinesCount()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void narrowingRewrapsTheScrollbackAndStillKeepsItsNewestLines() {
        String wide = "x".repeat(90);
        HeadlessTerminal pane = HeadlessTerminal.likeAPane(120, 30).feed(numberedLines(wide + " row ", 1, 12_000));

        // Each 90+ character line becomes two at 60 columns: about 24,000 lines before trimming.
        pane.terminal().resize(new TermSize(60, 30), RequestOrigin.User);

        assertThat(pane.buffer().getWidth()).isEqualTo(60);
        assertThat(pane.buffer().getHistoryLinesCount()).isBetween(LIMIT, LIMIT + ScrollbackTrimmer.SLACK);
        String text = TerminalText.text(pane.buffer());
        assertThat(text).endsWith("row 12000");
        assertThat(text).doesNotContain("row 1\n");
    }

    @Test
    void fullScreenProgramsOnTheAlternateScreenLeaveTheScrollbackAsItWas() {
        HeadlessTerminal pane = HeadlessTerminal.likeAPane(80, 24).feed(numberedLines("before ", 1, 500));
        int before = pane.buffer().getHistoryLinesCount();

        pane.feed("\u001b[?1049h" + numberedLines("inside ", 1, 20_000));
        assertThat(pane.buffer().isUsingAlternateBuffer()).isTrue();
        assertThat(pane.buffer().getHistoryLinesCount()).isBetween(LIMIT, LIMIT + ScrollbackTrimmer.SLACK);
        pane.feed("\u001b[?1049l");

        assertThat(pane.buffer().getHistoryLinesCount()).isEqualTo(before);
        assertThat(numbersOf(TerminalText.lines(pane.buffer()), "before ")).endsWith(500).startsWith(1);
        assertThat(TerminalText.text(pane.buffer())).doesNotContain("inside ");
    }
}
