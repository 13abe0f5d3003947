package io.labbench.netparse.snapshot;

import java.util.Optional;

/**
 * A counter cell as printed: {@code 13K} is 13,000 give or take 500, because iptables without {@code -x}
 * rounds to powers of 1000 (K, M, G, T); such values are {@code approximate}.
 */
public record CounterValue(long value, boolean approximate) {
    public static final CounterValue ZERO = new CounterValue(0, false);

    /** Reads {@code 123}, {@code 13K}, {@code 4M}, {@code 2G}, {@code 1T}; empty for anything else. */
    public static Optional<CounterValue> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        long multiplier = 1;
        int end = t.length();
        switch (t.charAt(end - 1)) {
            case 'K' -> multiplier = 1_000L;
            case 'M' -> multiplier = 1_000_000L;
            case 'G' -> multiplier = 1_000_000_000L;
            case 'T' -> multiplier = 1_000_000_000_000L;
            default -> { }
        }
        if (multiplier != 1) {
            end--;
        }
        if (end == 0 || end > 19) {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 0; i < end; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            value = value * 10 + (c - '0');
            if (value < 0) {
                return Optional.empty();
            }
        }
        if (multiplier != 1 && value > Long.MAX_VALUE / multiplier) {
            return Optional.empty();
        }
        return Optional.of(new CounterValue(value * multiplier, multiplier != 1));
    }
}
