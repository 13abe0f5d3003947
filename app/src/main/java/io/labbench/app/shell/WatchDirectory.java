package io.labbench.app.shell;

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
}
