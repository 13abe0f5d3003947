package io.labbench.watch.run;

/** Hears about a watch's runs, on the thread that ran the command (never the JavaFX thread). */
public interface WatchListener {

    /** A run is starting (a panel may show a busy mark). */
    default void runStarted() {
    }

    void outcome(WatchOutcome outcome);
}
