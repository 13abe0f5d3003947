/**
 * The kernel side of the local lab: the VPC router, the internet stand-in and the nodes as network
 * namespaces wired like kOps on AWS with the VPC CNI, the ENI-based IPAM, and the pod wiring behind
 * {@link io.labbench.locallab.spi.PodNetwork}. Everything it creates is named with the lab's prefix, and
 * the kernel is driven in batches ({@code ip -batch}, {@code iptables-restore --noflush}) so a lab
 * comes up in well under a second of kernel work.
 */
package io.labbench.locallab.net;
