package io.labbench.watch.panel;

import java.util.List;

/**
 * A counter cell's movement: {@code delta} and {@code ratePerSecond} since the previous refresh (absent
 * for a row seen for the first time), {@code reset} when it went down (iptables -Z), {@code approximate}
 * when iptables printed it rounded (K/M/G), and the recent rates, oldest first, for a sparkline.
 */
public record CounterView(boolean hasDelta, long delta, double ratePerSecond, boolean reset,
                          boolean approximate, List<Double> sparkline) {
    public CounterView {
        sparkline = List.copyOf(sparkline);
    }
}
