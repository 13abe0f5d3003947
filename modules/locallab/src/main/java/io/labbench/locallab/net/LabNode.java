package io.labbench.locallab.net;

import io.labbench.cluster.vpccni.InstanceType;
import io.labbench.locallab.spi.NodeInfo;

/**
 * One machine of the lab: the bastion {@code kops-ec2} or a Kubernetes node.
 *
 * @param name       the lab's name for it: {@code kops-ec2}, {@code master}, {@code worker1}, {@code worker2}
 * @param instanceId the EC2-style id kOps uses as node name, e.g. {@code i-0d3406b74013db109}
 * @param netns      its network namespace, e.g. {@code lb-worker1}
 */
public record LabNode(String name, Role role, String instanceId, Ipv4 ip, Subnet subnet, InstanceType instanceType,
                      String netns, int maxPods) {

    public enum Role { BASTION, CONTROL_PLANE, WORKER }

    /** Ubuntu nodes are named after their IP; the study's bastion is called {@code kops-ec2}. */
    public String hostname() {
        return role == Role.BASTION ? "kops-ec2" : ip.ec2Hostname();
    }

    public boolean isKubernetesNode() {
        return role != Role.BASTION;
    }

    public NodeInfo toNodeInfo() {
        long memory = instanceType.memoryMib() * 1024L * 1024L;
        // kubelet reserves a little memory (eviction threshold 100Mi) even without system-reserved.
        long allocatableMemory = memory - 100L * 1024 * 1024;
        return new NodeInfo(instanceId, role == Role.CONTROL_PLANE ? "control-plane" : "node", hostname(), ip.toString(),
                subnet.zone(), instanceType.name(), maxPods, instanceType.vcpus() * 1000, allocatableMemory);
    }
}
