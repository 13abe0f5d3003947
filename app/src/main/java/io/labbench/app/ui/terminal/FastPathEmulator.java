package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.Terminal;
import com.techsenger.jeditermfx.core.TerminalDataStream;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.core.emulator.JediEmulator;
import java.io.IOException;

/**
 * JediTermFX's emulator with the commonest parts of a shell's output handled in a few small methods: runs of
 * printable characters, CR, LF, BS, and the control sequences a prompt, {@code ls --color}, {@code ip -c} or a
 * progress line uses (SGR {@code m}, erase {@code K}/{@code J}, cursor moves {@code A B C D G H}). Each makes the
 * same {@link Terminal} call with the same arguments as {@link JediEmulator} would; everything else (OSC titles, DEC
 * private modes, charsets, a sequence with any other character in it) is pushed back into the data stream unread
 * and handed to the library's own parser.
 *
 * <p>Why: the library parses each control sequence into a new {@code ControlSequence} (an argument array, a
 * string builder fed every character) and dispatches it through a switch of some forty cases; each SGR builds a
 * style builder, an option set and a new style. On a flood of output in a fresh JVM these large methods wait for the
 * single optimising-compiler thread (EmulatorThroughputBenchmark's cold first pass: 87 C2 compiles,
 * {@code processControlSequence} alone 1.7 s of it). Here the hot path is a small loop over ints with no allocation.
 *
 * <p>SGR is not re-implemented: its result depends only on the current style and the arguments, so the first time
 * a (style, arguments) pair is seen the library computes it, and the style the terminal sets is remembered in a small table
 * keyed by the current style's identity ({@link TextStyle} is immutable; a pane's styles are shared by
 * {@link SharedTextStyles}, so there are few). The library's warning for an unknown attribute is then logged once per
 * pair rather than every time.
 *
 * <p>{@code -Dlabbench.emulator-fast-path=off} gives panes the library's emulator (for A/B measurements).
 */
public final class FastPathEmulator extends JediEmulator {

    /** Arguments of a handled sequence: at most this many, each below {@link #ARG_LIMIT} (10 bits, packed in a key). */
    private static final int MAX_ARGS = 6;
    private static final int ARG_LIMIT = 1024;
    /** "[", up to six 4-digit arguments with separators, the final character. */
    private static final int MAX_SEQUENCE = 32;
    /** Sets of two (style, arguments) pairs: a busy prompt and {@code ls --color} use a few dozen. */
    private static final int SGR_SETS = 128;

    /**
     * What was read of the current sequence after its ESC, to push back if the library is to parse it; and its
     * arguments. Indexes into both are masked to the arrays' power-of-two sizes (a no-op, the bounds are checked
     * before): then the optimising compiler has no range check to hoist out of the parsing loop on a guess from the
     * profile, which a longer sequence later broke (a deoptimisation and a second 0.3 s compile in the cold pass).
     */
    private final char[] sequence = new char[MAX_SEQUENCE];
    private final int[] args = new int[8];

    /**
     * SGR results, two per set (the newer first): the style before, the packed arguments, the style the terminal set.
     * Two ways, not one: with one, pairs that shared a slot evicted each other and 6 % of the benchmark's SGRs went
     * to the library again.
     */
    private final TextStyle[] sgrFrom = new TextStyle[2 * SGR_SETS];
    private final long[] sgrArgs = new long[2 * SGR_SETS];
    private final TextStyle[] sgrTo = new TextStyle[2 * SGR_SETS];

    /** The data stream, if it gives printable runs as arrays ({@link TtyRunStream}, {@link ArrayRunStream}). */
    private final PrintableRunSource runs;

    public FastPathEmulator(TerminalDataStream dataStream, Terminal terminal) {
        super(dataStream, terminal);
        runs = dataStream instanceof PrintableRunSource source ? source : null;
    }

    /** The emulator a pane runs: this one, or the library's with {@code -Dlabbench.emulator-fast-path=off}. */
    public static JediEmulator forPane(TerminalDataStream dataStream, Terminal terminal) {
        return "off".equals(System.getProperty("labbench.emulator-fast-path"))
                ? new JediEmulator(dataStream, terminal)
                : new FastPathEmulator(dataStream, terminal);
    }

    @Override
    public void processChar(char ch, Terminal terminal) throws IOException {
        if (ch >= 0x20 && ch != 0x9d) {
            // As the library does with plain characters (0x9d is the 8-bit OSC): the run up to the line's end.
            // Taken from the stream's buffer as one array when the stream can (a pane's, a headless terminal's).
            int max = terminal.distanceToLineEnd();
            char[] run = runs == null ? null : runs.takePrintableRun(ch, max);
            if (run == null) {
                myDataStream.pushChar(ch);
                terminal.writeCharacters(myDataStream.readNonControlCharacters(max));
            } else if (terminal instanceof PaneTerminal pane) {
                pane.writeRun(run);
            } else {
                terminal.writeCharacters(new String(run));
            }
        } else if (ch == '\r') {
            terminal.carriageReturn();
        } else if (ch == '\n') {
            terminal.newLine();
        } else if (ch == '\b') {
            terminal.backspace();
        } else if (ch != 0x1b || !controlSequence(terminal)) {
            library(ch, terminal);
        }
    }

    /** The library's emulator from {@code ch} on (what is read after it is still in the stream). */
    private void library(char ch, Terminal terminal) throws IOException {
        super.processChar(ch, terminal);
    }

    /**
     * After an ESC: handles a CSI sequence of digits and semicolons with one of the finals above and returns true;
     * otherwise pushes back what it read and returns false, for the library to parse from the ESC on.
     */
    private boolean controlSequence(Terminal terminal) throws IOException {
        char first = myDataStream.getChar();
        sequence[0] = first;
        if (first != '[') {
            return pushBack(1);
        }
        // The library's argument rules, quirks included: an empty argument before ';' is skipped, an empty last one
        // after ';' counts as 0 (ControlSequence.readControlSequence).
        int length = 1;
        int argc = 0;
        int digits = 0;
        int seenDigit = 0;
        args[0] = 0;
        char last;
        while (true) {
            if (length == MAX_SEQUENCE) {
                return pushBack(length);
            }
            last = myDataStream.getChar();
            sequence[length++ & (MAX_SEQUENCE - 1)] = last;
            if (last >= '0' && last <= '9') {
                int value = args[argc & 7] * 10 + last - '0';
                args[argc & 7] = value;
                if (value >= ARG_LIMIT) {
                    return pushBack(length);
                }
                digits++;
                seenDigit = 1;
            } else if (last == ';') {
                if (digits > 0) {
                    if (++argc == MAX_ARGS) {
                        return pushBack(length);
                    }
                    args[argc & 7] = 0;
                    digits = 0;
                }
            } else if (last >= 0x40 && last <= 0x7e) {
                break;
            } else {
                return pushBack(length);
            }
        }
        argc += seenDigit;
        switch (last) {
            case 'm' -> {
                return characterAttributes(terminal, argc, length);
            }
            case 'K' -> terminal.eraseInLine(arg(argc, 0, 0));
            case 'J' -> terminal.eraseInDisplay(arg(argc, 0, 0));
            case 'A' -> terminal.cursorUp(atLeastOne(arg(argc, 0, 0)));
            case 'B' -> terminal.cursorDown(atLeastOne(arg(argc, 0, 0)));
            case 'C' -> terminal.cursorForward(atLeastOne(arg(argc, 0, 1)));
            case 'D' -> terminal.cursorBackward(atLeastOne(arg(argc, 0, 1)));
            case 'G', '`' -> terminal.cursorHorizontalAbsolute(arg(argc, 0, 1));
            case 'H', 'f' -> terminal.cursorPosition(arg(argc, 1, 1), arg(argc, 0, 1));
            default -> {
                return pushBack(length);
            }
        }
        return true;
    }

    /** SGR through the table of results the library computed; a new pair goes to the library once. */
    private boolean characterAttributes(Terminal terminal, int argc, int length) throws IOException {
        TextStyle from = terminal.getStyleState().getCurrent();
        long key = argc;
        for (int i = 0; i < argc; i++) {
            key |= (long) args[i & 7] << (3 + 10 * i);
        }
        long mixed = (System.identityHashCode(from) + key) * 0x9E3779B97F4A7C15L;
        int slot = 2 * ((int) (mixed >>> 40) & (SGR_SETS - 1));
        for (int way = slot; way < slot + 2; way++) {
            if (sgrFrom[way] == from && sgrArgs[way] == key) {
                // What the terminal's characterAttributes did with the library's style the first time: JediTerminal
                // sets it as current; a PaneTerminal sets its shared copy, which this already is.
                terminal.getStyleState().setCurrent(sgrTo[way]);
                return true;
            }
        }
        myDataStream.pushBackBuffer(sequence, length);
        library('\u001b', terminal);
        sgrFrom[slot + 1] = sgrFrom[slot];
        sgrArgs[slot + 1] = sgrArgs[slot];
        sgrTo[slot + 1] = sgrTo[slot];
        sgrFrom[slot] = from;
        sgrArgs[slot] = key;
        sgrTo[slot] = terminal.getStyleState().getCurrent();
        return true;
    }

    private boolean pushBack(int length) throws IOException {
        myDataStream.pushBackBuffer(sequence, length);
        return false;
    }

    private int arg(int argc, int index, int absent) {
        return index < argc ? args[index & 7] : absent;
    }

    private static int atLeastOne(int count) {
        return count == 0 ? 1 : count;
    }
}
