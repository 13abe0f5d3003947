/**
 * The AWS VPC CNI's node sizing: the EC2 instance types the study uses with their ENI and IPv4 limits
 * ({@code instance-network-limits.txt}), the VPC CNI project's published max-pods table
 * ({@code eni-max-pods.txt}), and the max-pods arithmetic in secondary-IP and prefix-delegation mode.
 * The AWS backend's calculator and the local lab's emulated nodes both read them from here, so the
 * learner sees the same figure on either backend.
 */
package io.labbench.cluster.vpccni;
