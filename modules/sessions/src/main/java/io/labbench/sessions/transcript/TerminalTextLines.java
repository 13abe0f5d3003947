package io.labbench.sessions.transcript;

import java.util.function.Consumer;

/**
 * Turns a terminal's output stream into the plain lines a reader would see: escape sequences (CSI,
 * OSC, charset selections) are dropped, carriage return and backspace move the cursor so that
 * re-drawn prompts and progress bars keep only their final text, and "erase to end of line" truncates.
 * Fed in arbitrary chunks; not thread-safe.
 */
public final class TerminalTextLines {

    private enum State { TEXT, ESCAPE, CSI, OSC, OSC_ESCAPE, CHARSET }

    private final Consumer<String> completedLines;
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder csiParameters = new StringBuilder();
    private int cursor;
    private State state = State.TEXT;

    public TerminalTextLines(Consumer<String> completedLines) {
        this.completedLines = completedLines;
    }

    public void accept(CharSequence chunk) {
        for (int i = 0; i < chunk.length(); i++) {
            accept(chunk.charAt(i));
        }
    }

    public void accept(char[] chars, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (state == State.TEXT && cursor == line.length() && isPlain(chars[i])) {
                // Fast path for the common case, appending plain text at the end of the line.
                int run = i;
                while (run < end && isPlain(chars[run])) {
                    run++;
                }
                int afterLineEnd = line.length() == 0 ? afterLineEnd(chars, run, end) : -1;
                if (afterLineEnd >= 0) {
                    // A whole line in the chunk (text, then LF or CR LF): made a String straight from the
                    // chunk, without passing through the line being built.
                    completedLines.accept(new String(chars, i, run - i).stripTrailing());
                    i = afterLineEnd;
                    continue;
                }
                line.append(chars, i, run - i);
                cursor = line.length();
                i = run;
            } else {
                accept(chars[i]);
                i++;
            }
        }
    }

    /** Where the line end (LF or CR LF) at {@code at} ends, or -1 if none is there in full. */
    private static int afterLineEnd(char[] chars, int at, int end) {
        if (at < end && chars[at] == '\n') {
            return at + 1;
        }
        if (at + 1 < end && chars[at] == '\r' && chars[at + 1] == '\n') {
            return at + 2;
        }
        return -1;
    }

    private static boolean isPlain(char c) {
        return c >= 0x20 && c != 0x7f;
    }

    /** The line being written now (e.g. a prompt waiting for input). */
    public String currentLine() {
        return line.toString();
    }

    /** The line being written now, without copying it: valid until this object is next fed; not to be changed. */
    CharSequence currentLineView() {
        return line;
    }

    /** Ends the current line if it has text (at close, or before an event note). */
    public void flush() {
        if (line.length() > 0) {
            emit();
        }
    }

    private void accept(char c) {
        switch (state) {
            case TEXT -> text(c);
            case ESCAPE -> {
                if (c == '[') {
                    csiParameters.setLength(0);
                    state = State.CSI;
                } else if (c == ']') {
                    state = State.OSC;
                } else if (c == '(' || c == ')' || c == '*' || c == '+' || c == '#' || c == '%') {
                    state = State.CHARSET;
                } else {
                    state = State.TEXT;
                }
            }
            case CSI -> {
                if (c >= 0x40 && c <= 0x7e) {
                    finishCsi(c);
                    state = State.TEXT;
                } else {
                    csiParameters.append(c);
                }
            }
            case OSC -> {
                if (c == '\u0007') {
                    state = State.TEXT;
                } else if (c == '\u001b') {
                    state = State.OSC_ESCAPE;
                }
            }
            case OSC_ESCAPE -> state = c == '\\' ? State.TEXT : State.OSC;
            case CHARSET -> state = State.TEXT;
            default -> state = State.TEXT;
        }
    }

    private void text(char c) {
        switch (c) {
            case '\u001b' -> state = State.ESCAPE;
            case '\n' -> emit();
            case '\r' -> cursor = 0;
            case '\b' -> cursor = Math.max(0, cursor - 1);
            case '\t' -> put('\t');
            default -> {
                if (c >= 0x20 && c != 0x7f) {
                    put(c);
                }
            }
        }
    }

    private void finishCsi(char command) {
        String parameters = csiParameters.toString();
        switch (command) {
            case 'K' -> {
                // 0 (default): cursor to end; 1: start to cursor; 2: whole line.
                if (parameters.isEmpty() || parameters.equals("0")) {
                    line.setLength(Math.min(cursor, line.length()));
                } else if (parameters.equals("2")) {
                    line.setLength(0);
                }
            }
            case 'C' -> cursor = Math.min(line.length(), cursor + count(parameters));
            case 'D' -> cursor = Math.max(0, cursor - count(parameters));
            case 'G' -> cursor = Math.min(line.length(), Math.max(0, count(parameters) - 1));
            case 'P' -> {
                int end = Math.min(line.length(), cursor + count(parameters));
                if (cursor < end) {
                    line.delete(cursor, end);
                }
            }
            default -> {
                // Colours, cursor moves across lines, modes: nothing a transcript reader needs.
            }
        }
    }

    private static int count(String parameters) {
        try {
            return parameters.isEmpty() ? 1 : Math.max(1, Integer.parseInt(parameters));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void put(char c) {
        if (cursor < line.length()) {
            line.setCharAt(cursor, c);
        } else {
            line.append(c);
        }
        cursor++;
    }

    private void emit() {
        // Erasing with "backspace, space, backspace" leaves blanks a reader cannot see; drop them.
        String completed = line.toString().stripTrailing();
        line.setLength(0);
        cursor = 0;
        completedLines.accept(completed);
    }
}
