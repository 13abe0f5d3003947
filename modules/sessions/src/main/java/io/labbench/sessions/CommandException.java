package io.labbench.sessions;

/** A command could not be run: the connection is down, authentication failed, or it timed out. */
public class CommandException extends Exception {

    /** Why the command did not run, so callers can mark a view stale rather than failed. */
    public enum Reason { NOT_CONNECTED, TIMED_OUT, CHANNEL_FAILED, INTERRUPTED }

    private final Reason reason;

    public CommandException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public CommandException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
