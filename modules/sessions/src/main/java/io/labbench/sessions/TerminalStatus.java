package io.labbench.sessions;

/**
 * What a terminal pane shows about its session: a banner while dropped or reconnecting, nothing while
 * connected. The session object (and the pane's scrollback) lives through drops; only
 * {@link ClosedByExit}, {@link Closed} end it.
 */
public sealed interface TerminalStatus {

    /** One line the pane's banner can show. */
    String message();

    /** Whether the terminal is over: no more output will come. */
    default boolean ended() {
        return false;
    }

    record Connecting(String message) implements TerminalStatus {
    }

    record Connected(String message) implements TerminalStatus {
    }

    /** The connection went away without the shell exiting; a reconnect follows. */
    record Dropped(String message) implements TerminalStatus {
    }

    /** Waiting for the endpoint's connection to come back; the message says when the next attempt is. */
    record Reconnecting(String message) implements TerminalStatus {
    }

    /** A new shell is running on the re-established connection. */
    record Reconnected(String message) implements TerminalStatus {
    }

    /** Connecting failed in a way retrying will not fix (authentication, changed host key); Reconnect retries. */
    record Failed(String message) implements TerminalStatus {
    }

    /** The shell ended by itself, e.g. the user typed {@code exit}. */
    record ClosedByExit(String message, int exitCode) implements TerminalStatus {
        @Override
        public boolean ended() {
            return true;
        }
    }

    /** The pane closed the session. */
    record Closed(String message) implements TerminalStatus {
        @Override
        public boolean ended() {
            return true;
        }
    }
}
