package io.labbench.aws.ec2;

/** What EC2 allows an instance type, as far as pod IPs go. */
public record InstanceNetworkLimits(String instanceType, int maxEnis, int ipv4PerEni, int vcpus) {
}
