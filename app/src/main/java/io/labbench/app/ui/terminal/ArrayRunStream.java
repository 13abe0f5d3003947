package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.ArrayTerminalDataStream;

/** The library's stream over a fixed array (a headless terminal's input), giving printable runs as arrays. */
final class ArrayRunStream extends ArrayTerminalDataStream implements PrintableRunSource {

    private final RunArrays runArrays = new RunArrays();

    ArrayRunStream(char[] chars) {
        super(chars);
    }

    @Override
    public char[] takePrintableRun(char first, int max) {
        int end = PrintableRunSource.runEnd(myBuf, myOffset, myLength, first, max);
        if (end < 0) {
            return null;
        }
        char[] run = PrintableRunSource.copy(runArrays, myBuf, myOffset, end);
        myLength -= end - myOffset;
        myOffset = end;
        return run;
    }
}
