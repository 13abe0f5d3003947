package io.labbench.packetpath;

import java.util.Optional;

/**
 * One endpoint a Service chain may pick ({@code KUBE-SVC-…} or {@code KUBE-SVL-…}): the endpoint chain
 * ({@code KUBE-SEP-…}), the address it DNATs to, the chance a new connection lands there (the rule's
 * {@code --probability} times the chance that no earlier rule took it), the DNAT rule's counter (which one
 * rises tells where a connection went), and whether this is the pick the path follows.
 */
public record Choice(String chain, String endpoint, double probability, Optional<CounterId> counter, boolean followed) {

    @Override
    public String toString() {
        return chain + " → " + endpoint + String.format(java.util.Locale.ROOT, " (%.1f%%)", probability * 100)
                + (followed ? " ← followed" : "");
    }
}
