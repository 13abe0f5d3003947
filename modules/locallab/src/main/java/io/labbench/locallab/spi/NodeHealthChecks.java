package io.labbench.locallab.spi;

import java.io.IOException;
import java.util.Map;

/**
 * Serves kube-proxy's health check node ports on a node: for each {@code healthCheckNodePort} of a
 * LoadBalancer Service with {@code externalTrafficPolicy: Local}, an HTTP server on the node that
 * answers 200 when the node has a local endpoint of the Service and 503 when it has none.
 */
public interface NodeHealthChecks {

    /** The Service a health check port reports on, and how many of its ready endpoints run on the node. */
    record Reply(String namespace, String name, int localEndpoints) {
    }

    /** Serves exactly {@code replies} on the node from now on; ports no longer listed stop being served. */
    void serve(String nodeName, Map<Integer, Reply> replies) throws IOException;
}
