/**
 * The AWS Load Balancer Controller of the local lab: it watches {@code LoadBalancer} Services with the
 * controller's annotations, names and describes their NLBs as the real controller does, writes them
 * into the local AWS's ELBv2 state, and runs each NLB's data plane as real software in a network
 * namespace of its own with one address per AZ subnet: HAProxy where the NLB terminates TLS, sends
 * PROXY v2 or proxies to pod IPs (the pod sees the NLB's address, as on AWS), and the kernel (a DNAT in
 * the NLB's namespace, replies handed back by the VPC bridges) for instance targets, which see the
 * client's own address as on AWS (a lab instance's public one when the NLB is internet-facing, as if it
 * came through the Internet Gateway). HAProxy's health checks decide the targets' health in both cases.
 * Bad annotations are answered with the controller's Warning events and log lines.
 */
package io.labbench.locallab.nlb;
