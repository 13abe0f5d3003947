package io.labbench.labmodel.eval;

/** A counter summed over the rows a {@code counterIncreased} check watches, or why it could not be read. */
public sealed interface CounterReading {
    record Value(long total, int rows) implements CounterReading {
    }

    record Unreadable(String why) implements CounterReading {
    }
}
