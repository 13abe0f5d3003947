package io.labbench.sessions.ssh;

import java.nio.file.Path;

/**
 * A host presented a key different from the one known_hosts has for it. LabBench refuses to connect;
 * {@link #advice()} says which line to delete if the change is expected (e.g. the node was rebuilt).
 */
public record ChangedHostKey(String endpointName, String hostEntry, String keyType, String presentedFingerprint,
                             Path knownHostsFile, int knownHostsLine) {

    public String advice() {
        return "WARNING: the " + keyType + " host key of " + hostEntry + " (endpoint " + endpointName
                + ") has CHANGED; it now presents " + presentedFingerprint + ". Someone may be intercepting"
                + " the connection, or the host was rebuilt. LabBench did not connect. If the change is expected,"
                + " delete line " + knownHostsLine + " of " + knownHostsFile + " and connect again.";
    }
}
