package io.labbench.cluster.vpccni;

/**
 * An EC2 instance type as the VPC CNI sees it.
 *
 * @param maxEnis     network interfaces the type can attach
 * @param ipv4PerEni  IPv4 addresses per interface, the interface's own first address included
 * @param memoryMib   memory in MiB; 0 when the source did not say (a trimmed DescribeInstanceTypes answer)
 * @param nitro       whether prefix delegation is available (Nitro types only)
 */
public record InstanceType(String name, int maxEnis, int ipv4PerEni, int vcpus, long memoryMib, boolean nitro) {

    /**
     * The VPC CNI formula: every ENI keeps its first address for itself, and the two host-network pods
     * (aws-node, kube-proxy) use the node's IP: {@code ENIs × (IPs per ENI − 1) + 2}.
     */
    public int eniMaxPods() {
        return podIpCapacity(false) + 2;
    }

    /** Pod IPs the ENIs can hold: secondary IPs, or /28 prefixes of 16 with prefix delegation. */
    public int podIpCapacity(boolean prefixDelegation) {
        int slots = maxEnis * (ipv4PerEni - 1);
        return prefixDelegation ? slots * 16 : slots;
    }
}
