package io.labbench.locallab.spi;

/**
 * A node of the local lab as the Kubernetes side needs to know it.
 *
 * @param name        the node name kOps gives it, e.g. {@code i-0a1b…} style or the hostname
 * @param role        {@code control-plane} or {@code node}
 * @param hostname    e.g. {@code ip-172-30-46-72}
 * @param internalIp  the primary ENI's IP
 * @param zone        e.g. {@code us-east-1a}
 * @param instanceType e.g. {@code t3.medium}
 * @param maxPods     the node's {@code pods} allocatable (ENI formula, or kubelet maxPods with prefix delegation)
 * @param cpuMillis   allocatable CPU in millicores (t3.medium: 2 vCPU)
 * @param memoryBytes allocatable memory
 */
public record NodeInfo(String name, String role, String hostname, String internalIp, String zone,
                       String instanceType, int maxPods, int cpuMillis, long memoryBytes) {
}
