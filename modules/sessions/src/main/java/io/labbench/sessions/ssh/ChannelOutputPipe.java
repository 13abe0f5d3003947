package io.labbench.sessions.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Hands a channel's output from JSch's session thread to the terminal's reader thread. Replaces
 * JSch's own piped stream (32 KB, which makes the two threads take turns on every few packets) with
 * a queue of whole packets up to {@code capacity} bytes; when the reader falls that far behind, the
 * session thread waits, which is the back-pressure SSH's window expects. A waiting session thread is
 * woken once a quarter of the capacity is free, not after every read of the terminal's (a few KB):
 * it would wake only to find its packet still does not fit, a context switch per read for nothing.
 */
final class ChannelOutputPipe {

    private final int capacity;
    private final Deque<byte[]> chunks = new ArrayDeque<>();
    private int queuedBytes;
    private int headOffset;
    private boolean closed;
    private boolean writerWaiting;

    ChannelOutputPipe(int capacity) {
        this.capacity = capacity;
    }

    /** The side JSch writes to; closing it (at the channel's EOF) ends the input side after the queued bytes. */
    OutputStream sink() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                put(bytes, offset, length);
            }

            @Override
            public void close() {
                finish();
            }
        };
    }

    /** The side the terminal reads from. */
    InputStream source() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return take(buffer, offset, length);
            }

            @Override
            public int available() {
                synchronized (ChannelOutputPipe.this) {
                    return queuedBytes;
                }
            }

            @Override
            public void close() {
                finish();
            }
        };
    }

    private synchronized void put(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        while (!closed && queuedBytes > 0 && queuedBytes + length > capacity) {
            writerWaiting = true;
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the terminal was behind");
            } finally {
                writerWaiting = false;
            }
        }
        if (closed) {
            return;
        }
        byte[] copy = new byte[length];
        System.arraycopy(bytes, offset, copy, 0, length);
        chunks.addLast(copy);
        queuedBytes += length;
        notifyAll();
    }

    private synchronized int take(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (chunks.isEmpty()) {
            if (closed) {
                return -1;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for output");
            }
        }
        int copied = 0;
        while (copied < length && !chunks.isEmpty()) {
            byte[] head = chunks.peekFirst();
            int n = Math.min(length - copied, head.length - headOffset);
            System.arraycopy(head, headOffset, buffer, offset + copied, n);
            copied += n;
            headOffset += n;
            if (headOffset == head.length) {
                chunks.removeFirst();
                headOffset = 0;
            }
        }
        queuedBytes -= copied;
        if (writerWaiting && (queuedBytes == 0 || capacity - queuedBytes >= capacity / 4)) {
            notifyAll();
        }
        return copied;
    }

    private synchronized void finish() {
        closed = true;
        notifyAll();
    }
}
