package io.labbench.sessions.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalTextLinesTest {

    private final List<String> lines = new ArrayList<>();
    private final TerminalTextLines text = new TerminalTextLines(lines::add);

    @Test
    void stripsColoursTitlesAndCharsetSelections() {
        text.accept("\u001b]0;root@worker1: ~\u0007\u001b[01;32mroot@worker1\u001b[00m:\u001b[01;34m~\u001b[00m# ls\r\n");
        text.accept("\u001b(B\u001b[mplain\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\\r\n");
        assertThat(lines).containsExactly("root@worker1:~# ls", "plainlink");
    }

    @Test
    void carriageReturnAndBackspaceKeepTheFinalText() {
        text.accept("progress 10%\rprogress 100%\r\n");
        text.accept("ech\b \bho hi\r\n");
        text.accept("abc\b \b\r\n");
        text.accept("abcdef\u001b[3D\u001b[K\r\n");
        assertThat(lines).containsExactly("progress 100%", "echo hi", "ab", "abc");
    }

    @Test
    void handlesSequencesSplitAcrossChunks() {
        text.accept("red: \u001b[3");
        text.accept("1mtext\u001b");
        text.accept("[0m done\r");
        text.accept("\n");
        assertThat(lines).containsExactly("red: text done");
        text.accept("prompt$ ");
        assertThat(text.currentLine()).isEqualTo("prompt$ ");
    }

    @Test
    void chunksOfCharsGiveTheSameLinesAsCharactersOneByOneWhereverTheChunksSplit() {
        String stream = "plain line\r\nlf only\nspaces at the end   \r\n\r\nprogress 10%\rprogress 100%\r\n"
                + "\u001b[1;32mgreen\u001b[0m\r\nabc\b \b\r\nabcdef\u001b[3D\u001b[K\r\nlone cr\r\rover\r\nprompt$ ";
        TerminalTextLines oneByOne = new TerminalTextLines(lines::add);
        oneByOne.accept(stream);
        List<String> expected = List.copyOf(lines);
        String expectedCurrent = oneByOne.currentLine();
        assertThat(expected).contains("plain line", "lf only", "spaces at the end", "", "progress 100%", "green", "ab", "abc");

        char[] chars = stream.toCharArray();
        for (int split = 0; split <= chars.length; split++) {
            List<String> got = new ArrayList<>();
            TerminalTextLines chunked = new TerminalTextLines(got::add);
            chunked.accept(chars, 0, split);
            chunked.accept(chars, split, chars.length - split);
            assertThat(got).as("split at %d", split).isEqualTo(expected);
            assertThat(chunked.currentLine()).as("split at %d", split).isEqualTo(expectedCurrent);
        }
    }
}
