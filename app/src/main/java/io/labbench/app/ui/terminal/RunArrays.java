package io.labbench.app.ui.terminal;

/**
 * One array per run length, reused for every printable run a data stream hands over ({@link PrintableRunSource}).
 *
 * <p>Why: JediTermFX 1.0.0 stores a run in its line as a clone (the {@code TextEntry} constructor copies the
 * {@code CharBuffer} it is given, and a write into the middle of a line copies into new arrays), so the array a run
 * arrives in is garbage as soon as it is written: a sixth of what the emulator allocated on the benchmark's stream
 * (51 of 300 MB per 20 MB pass, JFR allocation samples). Its private write takes a {@code char[]} whose length is
 * the run's, so the arrays are kept per length: at most a screen width's worth of them (14 KB at 120 columns).
 * A run stays valid until the next one is taken; the emulator writes each at once.
 *
 * <p>Figures (EmulatorThroughputBenchmark's 20 MB stream, fresh JVM with app/jvm.options, reused vs new arrays
 * interleaved): the cold pass's thread-allocated bytes 302-317 -> 259-264 MB, its GC pauses 0.12-0.36 -> 0.10-0.16 s
 * (4 pairs, load 4.5-5.2); the warm passes 267-283 -> 222-229 MB.
 */
final class RunArrays {

    /** Runs longer than this (only on screens wider than it) get an array of their own. */
    private static final int LONGEST_KEPT = 512;

    private final char[][] byLength = new char[LONGEST_KEPT + 1][];

    /** {@code buffer[from, end)} in this object's array of that length. */
    char[] copy(char[] buffer, int from, int end) {
        int length = end - from;
        char[] run = length <= LONGEST_KEPT ? byLength[length] : null;
        if (run == null) {
            run = new char[length];
            if (length <= LONGEST_KEPT) {
                byLength[length] = run;
            }
        }
        System.arraycopy(buffer, from, run, 0, length);
        return run;
    }
}
