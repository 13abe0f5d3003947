package io.labbench.sessions;

/** A file could not be read from an endpoint; the message says which file, where, and why, never its contents. */
public class RemoteFileException extends Exception {

    /** Why, so callers can tell the learner what to do next. */
    public enum Reason { NOT_CONNECTED, NO_SFTP, NOT_FOUND, PERMISSION_DENIED, TOO_LARGE, FAILED }

    private final Reason reason;

    public RemoteFileException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public RemoteFileException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
