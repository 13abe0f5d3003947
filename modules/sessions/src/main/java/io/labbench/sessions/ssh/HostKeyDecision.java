package io.labbench.sessions.ssh;

/** The user's answer to "this host is unknown: trust its key?". */
public enum HostKeyDecision {
    /** Trust it for as long as the app runs; known_hosts is not changed. */
    ACCEPT_ONCE,
    /** Trust it and append it to known_hosts. */
    ACCEPT_ALWAYS,
    /** Do not connect. */
    CANCEL
}
