/**
 * EC2 as the study uses it: the cluster's instances found by their kOps tags and named as the lab's
 * terminals are ({@code kops-ec2}, {@code master}, {@code worker1}, {@code worker2}), the region's key
 * pairs for the stack, and live ENI/IP limits per instance type from DescribeInstanceTypes. The max-pods
 * arithmetic and the offline tables live in {@code io.labbench.cluster.vpccni}, shared with the local lab.
 */
package io.labbench.aws.ec2;
