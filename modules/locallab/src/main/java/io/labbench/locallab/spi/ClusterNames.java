package io.labbench.locallab.spi;

import java.util.List;

/**
 * Where the cluster's DNS names go: the Kubernetes side works them out from the API (what CoreDNS's
 * {@code kubernetes} plugin reads), the container runtime's cluster DNS servers answer them.
 */
public interface ClusterNames {

    /** One A record: {@code name} (no trailing dot) answers {@code address}. */
    record Name(String name, String address) {
    }

    /**
     * Replaces every name the cluster DNS answers with {@code names} (a name listed twice answers both
     * addresses, as a headless Service does). Called from the controller loop, so it must not block long.
     */
    void publish(List<Name> names);
}
