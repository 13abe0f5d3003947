/**
 * The local lab: rebuilds the study's kOps cluster node networking on the learner's own Linux machine
 * with real network namespaces, veths, routes, {@code ip rule}s, iptables and conntrack, serves SSH
 * into each node, and runs a Kubernetes API server on loopback that the real {@code kubectl} talks to,
 * whose controllers wire pods into namespaces the way the AWS VPC CNI does. Package {@code net} owns
 * the kernel side, {@code kube} the API server, scheduler and controllers, {@code ssh} the machines' SSH servers;
 * {@code net} and {@code kube} meet at {@link io.labbench.locallab.spi.PodNetwork}, which neither owns.
 * This package composes them: {@link io.labbench.locallab.LocalLab} runs the lab's {@code LabParts}
 * (machine check, leftovers, kernel access, network, Kubernetes API, keys, SSH servers, relays, status
 * file) with the runner of {@code parts}. Arrows run one way: nothing below imports this package.
 */
package io.labbench.locallab;
