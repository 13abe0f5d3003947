package io.labbench.app.ui.terminal;

/**
 * A terminal data stream that hands {@link FastPathEmulator} a run of printable characters as one array, cut
 * straight from its buffer into an array it reuses for runs of that length ({@link RunArrays}).
 *
 * <p>Why: the library's {@code readNonControlCharacters} makes a {@code String} of the run (a scan, a copy into
 * the string's bytes), which the terminal turns back into a {@code char[]} (another copy) before it stores it in the
 * line. In a fresh JVM those loops run in the interpreter and the JIT's first tier for the whole first flood of
 * output. Here the run is found and copied once, with the same bounds as the library's.
 */
interface PrintableRunSource {

    /**
     * After {@code first} has been read: {@code first} and the characters after it up to the first control character
     * (below U+0020), at most {@code max} of them in all, taken out of the stream; or null, with the stream unchanged,
     * if {@code first} is not the last character read from the buffer or {@code max} is below 1 (then the caller reads
     * the library's way). The same characters as {@code pushChar(first)} then {@code readNonControlCharacters(max)}.
     * The array is the stream's and holds the run only until the next call: the caller writes it (or copies it) at once.
     */
    char[] takePrintableRun(char first, int max);

    /**
     * The run for {@link #takePrintableRun} in {@code buffer}, whose next unread character is at {@code offset} with
     * {@code length} unread: its end index, or -1 if {@code first} is not at {@code offset - 1} or {@code max < 1}.
     * As the library's {@code CharUtils.getNonControlCharacters}: at most {@code max} characters, each at least U+0020.
     */
    static int runEnd(char[] buffer, int offset, int length, char first, int max) {
        if (max < 1 || offset < 1 || buffer[offset - 1] != first) {
            return -1;
        }
        int end = offset - 1 + Math.min(max, length + 1);
        int at = offset - 1;
        while (at < end && buffer[at] >= 0x20) {
            at++;
        }
        return at;
    }

    static char[] copy(RunArrays arrays, char[] buffer, int offset, int end) {
        return arrays.copy(buffer, offset - 1, end);
    }
}
