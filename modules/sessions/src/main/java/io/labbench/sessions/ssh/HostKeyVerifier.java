package io.labbench.sessions.ssh;

/**
 * The UI's host-key dialog. Called on a connection thread (never the JavaFX thread), which waits for
 * the answer, so an implementation may show a dialog with {@code Platform.runLater} and block on it.
 */
public interface HostKeyVerifier {

    /** The host is not in known_hosts: show the fingerprint and ask accept once / always / cancel. */
    HostKeyDecision decideUnknown(UnknownHostKey key);

    /** The host's key changed: the connection has been refused; tell the user how to fix it. */
    default void refusedChanged(ChangedHostKey key) {
    }

    /** Trusts nothing new: unknown hosts are refused (for headless use where nobody can answer). */
    static HostKeyVerifier refuseUnknown() {
        return key -> HostKeyDecision.CANCEL;
    }
}
