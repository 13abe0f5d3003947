package io.labbench.sessions.ssh;

import java.time.Duration;

/** How long to wait before reconnect attempt {@code n}: {@code initial × factor^(n-1)}, at most {@code max}. */
public record ReconnectBackoff(Duration initial, Duration max, double factor) {

    public static ReconnectBackoff standard() {
        return new ReconnectBackoff(Duration.ofMillis(500), Duration.ofSeconds(30), 2.0);
    }

    public Duration delayBefore(int attempt) {
        double millis = initial.toMillis() * Math.pow(factor, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(millis, max.toMillis()));
    }
}
