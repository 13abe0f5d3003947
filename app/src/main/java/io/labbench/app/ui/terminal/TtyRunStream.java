package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.TtyBasedArrayDataStream;
import com.techsenger.jeditermfx.core.TtyConnector;

/**
 * The library's stream over a pane's connector (it refills its buffer from the connector as it empties), giving
 * printable runs as arrays. A run never waits for the connector: it ends where the buffer does, as the library's
 * does when the character before it was read from the buffer.
 */
final class TtyRunStream extends TtyBasedArrayDataStream implements PrintableRunSource {

    private final RunArrays runArrays = new RunArrays();

    TtyRunStream(TtyConnector connector, Runnable beforeBlockingWait) {
        super(connector, beforeBlockingWait);
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
