package io.labbench.sessions.transcript;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A {@link java.io.BufferedOutputStream} for one thread: the same buffering without its lock. A
 * transcript writes three pieces per line (stamp, text, line end), and the JDK's stream takes its
 * monitor for each, a compare-and-swap per piece, hundreds of thousands in a flood of output, on a
 * stream only the transcript's writer thread ever touches. Not thread-safe.
 */
final class UnsharedBufferedOutput extends OutputStream {

    private final OutputStream out;
    private final byte[] buffer;
    private int count;

    UnsharedBufferedOutput(OutputStream out, int size) {
        this.out = out;
        this.buffer = new byte[size];
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buffer.length) {
            drain();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length >= buffer.length) {
            // Larger than the buffer: straight through, after what is buffered.
            drain();
            out.write(bytes, offset, length);
            return;
        }
        if (length > buffer.length - count) {
            drain();
        }
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try (out) {
            flush();
        }
    }

    private void drain() throws IOException {
        if (count > 0) {
            out.write(buffer, 0, count);
            count = 0;
        }
    }
}
