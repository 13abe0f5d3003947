package io.labbench.app.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.techsenger.jeditermfx.core.TerminalColor;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.core.TtyBasedArrayDataStream;
import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.emulator.JediEmulator;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import io.labbench.app.ui.bench.EmulatorThroughputBenchmark;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pane's emulator leaves the same screen as JediTermFX's own: every cell's character and whole style (colours and
 * every attribute), line wrapping, the history, the cursor and the style in force, for the benchmark's stream, real
 * captured shell sessions, hand-made edge cases, and with the output cut into reads at every split point (a sequence
 * split across two reads, as a pty delivers it). Both run on a pane's terminal model, so only the parser differs.
 */
class FastPathEmulatorTest {

    private static final String ESC = "\u001b";
    private static final int COLUMNS = 80;
    private static final int ROWS = 24;

    /** Captured with script(1) at 80x24, TERM=xterm-256color (see SOURCES.md): bash with a coloured prompt and title. */
    static Stream<String> capturedSessions() {
        return Stream.of("bash-ip-ls.raw", "less.raw", "vim.raw");
    }

    @ParameterizedTest
    @MethodSource("capturedSessions")
    void aCapturedSessionLeavesTheSameScreen(String name) {
        String session = resource(name);
        assertThat(session).contains(ESC + "[");
        assertSameScreen(session, List.of());
    }

    @ParameterizedTest
    @MethodSource("capturedSessions")
    void aCapturedSessionCutIntoReadsOfAnySizeLeavesTheSameScreen(String name) {
        String session = resource(name);
        for (int readSize : new int[] {1, 2, 3, 5, 7, 13, 64, 1000}) {
            List<Integer> cuts = new ArrayList<>();
            for (int at = readSize; at < session.length(); at += readSize) {
                cuts.add(at);
            }
            assertSameScreen(session, cuts);
        }
    }

    @Test
    void theBenchmarksStreamLeavesTheSameScreenAndHistory() {
        String stream = new String(EmulatorWarmUp.shellOutput(200_000));
        assertSameScreen(stream, List.of());
        assertSameScreen(new String(EmulatorThroughputBenchmark.mixedStream(200_000)), List.of());
    }

    @Test
    void aHeadlessTerminalsArrayStreamAndAStreamWithoutRunsLeaveTheSameScreen() {
        String output = edgeCases() + new String(EmulatorThroughputBenchmark.mixedStream(50_000));
        HeadlessTerminal library = run(output, List.of(), JediEmulator::new, TtyBasedArrayDataStream::new);
        HeadlessTerminal viaArrayRuns = HeadlessTerminal.likeAPane(COLUMNS, ROWS).feed(output);
        HeadlessTerminal withoutRuns = run(output, List.of(), FastPathEmulator::new, TtyBasedArrayDataStream::new);
        assertThat(screen(viaArrayRuns)).containsExactlyElementsOf(screen(library));
        assertThat(state(viaArrayRuns)).isEqualTo(state(library));
        assertThat(screen(withoutRuns)).containsExactlyElementsOf(screen(library));
        assertThat(state(withoutRuns)).isEqualTo(state(library));
    }

    @Test
    void aRunTakenFromTheBufferEndsAtAControlCharacterTheLimitOrTheBuffersEnd() throws IOException {
        ArrayRunStream stream = new ArrayRunStream("abc\rdefgh".toCharArray());
        assertThat(stream.getChar()).isEqualTo('a');
        assertThat(new String(stream.takePrintableRun('a', 10))).isEqualTo("abc");
        assertThat(stream.getChar()).isEqualTo('\r');
        assertThat(stream.getChar()).isEqualTo('d');
        assertThat(new String(stream.takePrintableRun('d', 2))).isEqualTo("de");
        assertThat(stream.getChar()).isEqualTo('f');
        assertThat(stream.takePrintableRun('x', 5)).as("not the character read last").isNull();
        assertThat(stream.takePrintableRun('f', 0)).as("no room left on the line").isNull();
        assertThat(new String(stream.takePrintableRun('f', 10))).isEqualTo("fgh");
        assertThat(stream.isEmpty()).isTrue();
    }

    @Test
    void everySplitPointOfASampleLeavesTheSameScreen() {
        String sample = edgeCases();
        for (int at = 1; at < sample.length(); at++) {
            assertSameScreen(sample, List.of(at));
        }
    }

    @Test
    void edgeCasesOfTheLibrarysArgumentRulesAndSequencesItLeavesToTheLibrary() {
        assertSameScreen(edgeCases(), List.of());
    }

    @Test
    void aStyleSetAgainAfterOtherStylesIsTheOneTheLibrarySets() {
        // The SGR table is keyed by the style in force: the same arguments from different styles give different results.
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            out.append(ESC).append('[').append(30 + i % 8).append('m').append("a")
                    .append(ESC).append("[1m").append("b")
                    .append(i % 3 == 0 ? ESC + "[7m" : "").append("c")
                    .append(ESC).append("[48;5;").append(i % 256).append('m').append("d")
                    .append(ESC).append("[27;39m").append("e")
                    .append(i % 5 == 0 ? ESC + "[0m" : ESC + "[22m").append(i % 40 == 0 ? "\r\n" : "");
        }
        assertSameScreen(out.toString(), List.of());
    }

    /** Each kind of sequence the fast path handles, with the arguments' odd cases, and what it must leave alone. */
    private static String edgeCases() {
        return ESC + "]0;root@kops-ec2: ~" + "\u0007" + ESC + "[?2004h"
                + ESC + "[1;32mroot@kops-ec2" + ESC + "[0m:" + ESC + "[1;34m~" + ESC + "[0m# ls\r\n"
                + ESC + "[31m" + ESC + "[;5mblink" + ESC + "[1;m empty last" + ESC + "[32m" + ESC + "[;;1m bold"
                + ESC + "[m plain\r\n"
                + ESC + "[38;5;208morange" + ESC + "[48;5;21m on blue" + ESC + "[38;2;10;20;30m rgb" + ESC + "[99m"
                + " unknown" + ESC + "[1;2;3;4;5;6;7m seven" + ESC + "[0m\r\n"
                + ESC + "[91mbright" + ESC + "[103m bg" + ESC + "[39;49m" + ESC + "[4;3;8;28;23;24m u\r\n"
                + "tcp  ESTABLISHED src=172.30.81.14" + ESC + "[5D" + ESC + "[K" + ESC + "[3C!" + ESC + "[0C?"
                + ESC + "[2000D<" + ESC + "[2000C>\r\n"
                + ESC + "[2K\r" + ESC + "[33mDownloading " + ESC + "[0m 57%\b\b\b58%\r\n"
                + ESC + "[7m reverse " + ESC + "[27m normal" + ESC + "[5;10Hat 5,10" + ESC + "[;20Hrow1?" + ESC + "[H"
                + ESC + "[2A" + "u" + ESC + "[3B" + "d" + ESC + "[0A" + "z" + ESC + "[12G" + "g" + ESC + "[`" + "b"
                + ESC + "[8;3f" + "f" + ESC + "[0B" + "y" + ESC + "[0D" + "x" + ESC + "[D" + "w" + ESC + "[0G" + "v"
                // What the moves wrote goes to the history before the erase tests below clear parts of the screen.
                + ESC + "[24;1H" + "\r\n".repeat(ROWS)
                + "erase 1\r\nerase 2\r\nerase 3 line" + ESC + "[2;4H" + ESC + "[1K" + ESC + "[3;8H" + ESC + "[0J"
                + "\r\nerase 4\r\nerase 5" + ESC + "[4;3H" + ESC + "[1J"
                + ESC + "[6;1Herase 6\r\nerase 7" + ESC + "[6;4H" + ESC + "[J" + ESC + "[12;1H"
                + ESC + "[3\r1mcr inside" + ESC + "[?25l" + ESC + "[?25h" + ESC + "(0lqk" + ESC + "(B" + ESC + "7"
                + ESC + "8" + ESC + "[s" + ESC + "[u" + ESC + "[2@" + ESC + "[1P" + ESC + "[>0c" + "\u009d" + "x"
                + ESC + "[12345678m big" + ESC + "[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19;20m many\r\n"
                + "\u0007\t tab\u007f del \u0085 c1 한국어 넓은 글자 é\u0301 combined\r\n"
                + "x".repeat(COLUMNS) + "wrapped" + ESC + "[32m" + "y".repeat(COLUMNS - 1) + ESC + "[0m" + "z\r\n"
                + ESC + "[?2004l" + ESC + "[?1049h" + ESC + "[1;24r" + ESC + "[HAlt" + ESC + "[?1049l" + "back\n\n\n";
    }

    /** Runs both emulators over {@code output}, delivered in reads cut at {@code cuts}, and compares what is left. */
    private static void assertSameScreen(String output, List<Integer> cuts) {
        HeadlessTerminal library = run(output, cuts, JediEmulator::new, TtyBasedArrayDataStream::new);
        // With a pane's data stream, whose printable runs are cut from its buffer as arrays
        HeadlessTerminal fast = run(output, cuts, FastPathEmulator::new, connector -> new TtyRunStream(connector, () -> { }));
        String where = cuts.size() == 1 ? " (cut at " + cuts.get(0) + ")" : " (" + (cuts.size() + 1) + " reads)";
        assertThat(screen(fast)).as("screen and history" + where).containsExactlyElementsOf(screen(library));
        assertThat(state(fast)).as("cursor and style" + where).isEqualTo(state(library));
    }

    private static HeadlessTerminal run(String output, List<Integer> cuts,
            BiFunction<TtyBasedArrayDataStream, JediTerminal, JediEmulator> emulator,
            Function<TtyConnector, TtyBasedArrayDataStream> stream) {
        HeadlessTerminal terminal = HeadlessTerminal.likeAPane(COLUMNS, ROWS);
        JediEmulator parser = emulator.apply(stream.apply(new Reads(output, cuts)), terminal.terminal());
        try {
            while (parser.hasNext()) {
                parser.next();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terminal;
    }

    private static String state(HeadlessTerminal terminal) {
        JediTerminal model = terminal.terminal();
        return "cursor " + model.getCursorX() + "," + model.getCursorY() + " style "
                + style(model.getStyleState().getCurrent());
    }

    /** Every line of history and screen: whether it wraps, then each cell's character and whole style. */
    private static List<String> screen(HeadlessTerminal terminal) {
        TerminalTextBuffer buffer = terminal.buffer();
        List<String> rows = new ArrayList<>();
        buffer.lock();
        try {
            for (int row = -buffer.getHistoryLinesCount(); row < buffer.getHeight(); row++) {
                TerminalLine line = buffer.getLine(row);
                String text = line.getText();
                StringBuilder cells = new StringBuilder(row + (line.isWrapped() ? " wrapped:" : ":"));
                for (int x = 0; x < Math.max(text.length(), buffer.getWidth()); x++) {
                    cells.append(" [").append(x < text.length() ? text.charAt(x) : "_").append(' ')
                            .append(style(line.getStyleAt(x))).append(']');
                }
                rows.add(cells.toString());
            }
        } finally {
            buffer.unlock();
        }
        return rows;
    }

    private static String style(TextStyle style) {
        if (style == null) {
            return "none";
        }
        StringBuilder text = new StringBuilder(colour(style.getForeground())).append('/').append(colour(style.getBackground()));
        for (TextStyle.Option option : TextStyle.Option.values()) {
            if (style.hasOption(option)) {
                text.append(' ').append(option);
            }
        }
        return text.toString();
    }

    private static String colour(TerminalColor colour) {
        return colour == null ? "default" : colour.isIndexed() ? "i" + colour.getColorIndex() : "rgb" + colour.toColor();
    }

    private static String resource(String name) {
        try (InputStream in = FastPathEmulatorTest.class.getResourceAsStream("/terminal/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A pty that delivers {@code output} in reads ending at {@code cuts} (and at the reader's buffer size). */
    private static final class Reads implements TtyConnector {
        private final String output;
        private final List<Integer> cuts;
        private int position;
        private int nextCut;

        Reads(String output, List<Integer> cuts) {
            this.output = output;
            this.cuts = cuts;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (position == output.length()) {
                return -1;
            }
            while (nextCut < cuts.size() && cuts.get(nextCut) <= position) {
                nextCut++;
            }
            int end = Math.min(nextCut < cuts.size() ? cuts.get(nextCut) : output.length(), position + length);
            output.getChars(position, end, buffer, offset);
            int read = end - position;
            position = end;
            return read;
        }

        @Override public void write(byte[] bytes) { }
        @Override public void write(String string) { }
        @Override public boolean isConnected() { return position < output.length(); }
        @Override public int waitFor() { return 0; }
        @Override public boolean ready() { return true; }
        @Override public String getName() { return "reads"; }
        @Override public void close() { }
    }
}
