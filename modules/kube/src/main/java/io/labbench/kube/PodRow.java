package io.labbench.kube;

/**
 * A pod as the pods view lists it; {@code pendingReason} is set for unscheduled pods
 * (e.g. "0/3 nodes are available: … Too many pods").
 */
public record PodRow(String namespace, String name, String ready, String status, String ip, String node,
                     boolean hostNetwork, String pendingReason) {

    public String key() {
        return namespace + "/" + name;
    }
}
