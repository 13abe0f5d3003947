package io.labbench.app.shell;

import java.util.List;
import java.util.Optional;

/**
 * Opens or focuses a ready-made watch panel by its id (e.g. {@code routes}, {@code iptables-snat},
 * {@code conntrack}) on a node, and gives what an open one shows as homework evidence. The lab
 * wizard's "open watch" action and its evidence button go through this. Call on the JavaFX thread.
 */
public interface WatchDirectory {
    void openWatch(String watchId, String endpointName);

    /**
     * What the open panel of {@code watchId} on {@code endpointName} shows now, as Markdown: the
     * snapshot and what changed since the refresh before. Empty when that watch is not open or has no
     * output yet.
     */
    default Optional<String> snapshotText(String watchId, String endpointName) {
        return Optional.empty();
    }

    /**
     * The watches the lab step on screen uses, so the dock can offer them for one click before the
     * learner finds the step's own button; an empty list when the step has none (or does not run here).
     */
    default void suggest(List<Suggestion> watches) {
    }

    /** A ready-made watch on a node, as a lab step names it. */
    record Suggestion(String watchId, String endpoint) {
    }
}
