package io.labbench.app.path;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/**
 * Where a path source lists the Kubernetes objects a path needs, as the API's JSON items: the local lab's API
 * over the JDK client ({@link LabKube}), or any cluster's through its kubeconfig and fabric8
 * ({@link KubeconfigClusterObjects}, the AWS backend's kOps cluster).
 */
interface ClusterObjects extends AutoCloseable {

    /** The objects a path needs, listed at one moment. */
    record Listed(List<JsonNode> pods, List<JsonNode> services, List<JsonNode> endpoints, List<JsonNode> nodes) {
        static final Listed NONE = new Listed(List.of(), List.of(), List.of(), List.of());

        public Listed {
            pods = List.copyOf(pods);
            services = List.copyOf(services);
            endpoints = List.copyOf(endpoints);
            nodes = List.copyOf(nodes);
        }
    }

    Listed list() throws IOException;

    @Override
    void close();

    static String text(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            n = n.path(p);
        }
        return n.isMissingNode() || n.isNull() ? "" : n.asText();
    }

    static int number(JsonNode node, String field) {
        return node.path(field).asInt(0);
    }
}
