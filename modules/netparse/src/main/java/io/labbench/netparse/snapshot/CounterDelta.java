package io.labbench.netparse.snapshot;

/**
 * How much a counter grew between two snapshots. A counter that went down was reset ({@code iptables -Z},
 * rule re-created): then {@code reset} is true and {@code delta} is the new value (what was counted since
 * the reset), never negative. {@code approximate} when either value was printed with a K/M/G/T suffix.
 * {@code ratePerSecond} is 0 when the snapshots carry the same time.
 */
public record CounterDelta(String column, long delta, double ratePerSecond, boolean reset, boolean approximate) {
}
