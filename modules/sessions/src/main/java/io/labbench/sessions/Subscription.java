package io.labbench.sessions;

/** Handle returned when adding a listener; closing it removes the listener. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
