package io.labbench.app.shell;

/**
 * Opens or focuses a ready-made watch panel by its id (e.g. {@code routes}, {@code iptables-snat},
 * {@code conntrack}) on a node. The lab wizard's "open watch" action goes through this.
 */
public interface WatchDirectory {
    void openWatch(String watchId, String endpointName);
}
