package io.labbench.watch.panel;

/** The panel's header badge. */
public enum RunStatus {
    /** Opened, waiting for the first output. */
    WAITING,
    /** Refreshing, the last run succeeded. */
    LIVE,
    /** The learner paused it. */
    PAUSED,
    /** The last run's command failed; the table still shows the last good snapshot. */
    FAILING,
    /** No connection to the endpoint; the table shows the last good snapshot until it returns. */
    STALE
}
