package io.labbench.watch.compare;

/** Characters {@code start} (inclusive) to {@code end} (exclusive) of one line. */
public record TextSpan(int start, int end) {
    public TextSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("A span runs forward from 0, not " + start + ".." + end);
        }
    }
}
