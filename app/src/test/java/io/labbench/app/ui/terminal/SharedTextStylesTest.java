package io.labbench.app.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.techsenger.jeditermfx.core.TerminalColor;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharedTextStylesTest {

    private static final String ESC = "\u001b";

    @Test
    void aPanesScrollbackKeepsOneStyleObjectPerStyleItsOutputSets() {
        String output = (ESC + "[1;32mroot@worker1" + ESC + "[0m:" + ESC + "[34m~" + ESC + "[0m# ip route\r\n"
                + "10.0.1.0/24 dev " + ESC + "[31meth0" + ESC + "[0m scope link\r\n").repeat(500);
        HeadlessTerminal pane = HeadlessTerminal.likeAPane(80, 24).feed(output);

        Set<TextStyle> distinct = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (int row = -pane.buffer().getHistoryLinesCount(); row < pane.buffer().getHeight(); row++) {
            for (TerminalLine.TextEntry entry : pane.buffer().getLine(row).getEntries()) {
                distinct.add(entry.getStyle());
            }
        }
        // bold green, blue, red, the reset style, and the blank filler's: a handful, not one per escape sequence
        assertThat(distinct).hasSizeLessThan(10);
        // and the cells are those the library alone shows
        HeadlessTerminal stock = HeadlessTerminal.stock(80, 24, TerminalSettings.SCROLLBACK_LINES).feed(output);
        assertThat(TerminalCells.cells(pane.buffer())).containsExactlyElementsOf(TerminalCells.cells(stock.buffer()));
    }

    @Test
    void stylesDrawnDifferentlyStayApart() {
        SharedTextStyles shared = new SharedTextStyles();
        TerminalColor themeForeground = new TerminalColor(() -> new com.techsenger.jeditermfx.core.Color(0, 0, 0));
        TerminalColor themeBackground = new TerminalColor(() -> new com.techsenger.jeditermfx.core.Color(255, 255, 255));
        TextStyle red = new TextStyle(TerminalColor.index(1), null);
        TextStyle alsoRed = new TextStyle(TerminalColor.index(1), null);
        TextStyle boldRed = new TextStyle(TerminalColor.index(1), null, EnumSet.of(TextStyle.Option.BOLD));
        TextStyle onTheme = new TextStyle(themeForeground, themeBackground);
        // TerminalColor.equals holds for the two theme colours: by equals these would be one style
        TextStyle swapped = new TextStyle(themeBackground, themeForeground);

        assertThat(shared.share(red)).isSameAs(red);
        assertThat(shared.share(alsoRed)).isSameAs(red);
        assertThat(shared.share(boldRed)).isSameAs(boldRed);
        assertThat(shared.share(onTheme)).isSameAs(onTheme);
        assertThat(shared.share(swapped)).isSameAs(swapped);
        // a colour as foreground is not the same colour as background; one option is not another
        TextStyle onRed = new TextStyle(null, TerminalColor.index(1));
        TextStyle italicRed = new TextStyle(TerminalColor.index(1), null, EnumSet.of(TextStyle.Option.ITALIC));
        assertThat(shared.share(onRed)).isSameAs(onRed);
        assertThat(shared.share(italicRed)).isSameAs(italicRed);
        // the styles met first are still found after the look-ups in between
        assertThat(shared.share(new TextStyle(TerminalColor.index(1), null))).isSameAs(red);
        assertThat(shared.share(new TextStyle(TerminalColor.index(1), null, EnumSet.of(TextStyle.Option.BOLD))))
                .isSameAs(boldRed);
    }

    @Test
    void rgbColoursDoNotGrowTheTableWithoutBound() {
        SharedTextStyles shared = new SharedTextStyles();
        Set<Integer> sizes = new HashSet<>();
        for (int i = 0; i < 3 * SharedTextStyles.LIMIT; i++) {
            shared.share(new TextStyle(TerminalColor.rgb(i % 256, i / 256, 0), null));
            sizes.add(shared.size());
        }
        assertThat(sizes).allMatch(size -> size <= SharedTextStyles.LIMIT);
    }
}
