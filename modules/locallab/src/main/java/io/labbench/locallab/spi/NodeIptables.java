package io.labbench.locallab.spi;

import java.io.IOException;

/**
 * Applies {@code iptables-restore --noflush} input on a node, in the role the node's own
 * {@code iptables-restore} binary plays for kube-proxy.
 */
@FunctionalInterface
public interface NodeIptables {

    /**
     * @param nodeName the node as the API names it
     * @throws IOException when the node is not (yet) reachable or iptables-restore refuses the input;
     *                     the message says which
     */
    void restore(String nodeName, String restoreInput) throws IOException;

    /** Whether the nodes exist yet (the lab builds its namespaces while the API already runs). */
    default boolean ready() {
        return true;
    }
}
