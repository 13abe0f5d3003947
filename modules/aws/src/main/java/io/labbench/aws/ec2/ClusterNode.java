package io.labbench.aws.ec2;

import java.util.Optional;

/** One EC2 instance of the kOps cluster, as the node table shows it. */
public record ClusterNode(String instanceId, String name, Role role, String availabilityZone, String privateIp,
                         Optional<String> publicIp, String instanceType, String state) {

    public enum Role { CONTROL_PLANE, WORKER, BASTION }
}
