package io.labbench.packetpath.cluster;

/**
 * A pod: where it runs and how the VPC CNI wired it ({@code hostVeth} is the node side, {@code eni…}).
 * Host-network pods have the node's IP and no veth.
 */
public record ClusterPod(String namespace, String name, String ip, String node, String hostVeth, boolean hostNetwork) {

    /** The machine name the path uses for the pod's own network namespace. */
    public String machine() {
        return "pod/" + namespace + "/" + name;
    }
}
