package io.labbench.sessions.transcript;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * The time stamps of transcript lines (ISO-8601, UTC, to the millisecond), formatted once per
 * millisecond. During a flood of output dozens of lines share a millisecond, and formatting an
 * {@link Instant} for each cost as much as masking the line. {@link #linePrefix} gives the stamp with
 * its separator as the bytes a line of the file begins with, so each line costs one array copy.
 */
final class LineStamps {

    private final Clock clock;
    private long lastMillis = Long.MIN_VALUE;
    private String lastStamp = "";
    private byte[] lastPrefix = new byte[0];

    LineStamps(Clock clock) {
        this.clock = clock;
    }

    /** Now, e.g. {@code 2026-11-26T11:16:44.123Z}; not thread-safe. */
    String now() {
        return stamp(clock.millis());
    }

    /** Now in milliseconds since the epoch, from this stamper's clock. */
    long millis() {
        return clock.millis();
    }

    private String stamp(long millis) {
        if (millis != lastMillis) {
            lastMillis = millis;
            lastStamp = Instant.ofEpochMilli(millis).toString();
            lastPrefix = (lastStamp + " | ").getBytes(StandardCharsets.US_ASCII);
        }
        return lastStamp;
    }

    /** Now as the start of a transcript line, e.g. {@code 2026-11-26T11:16:44.123Z | }; not thread-safe, not to be changed. */
    byte[] linePrefix() {
        now();
        return lastPrefix;
    }

    /** {@link #linePrefix} for the time {@code millis} rather than now. */
    byte[] linePrefix(long millis) {
        stamp(millis);
        return lastPrefix;
    }
}
