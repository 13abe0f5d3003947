/**
 * The local lab: rebuilds the study's kOps cluster node networking on the learner's own Linux machine
 * with real network namespaces, veths, routes, {@code ip rule}s, iptables and conntrack, serves SSH
 * into each node, and runs a Kubernetes API server on loopback that the real {@code kubectl} talks to,
 * whose controllers wire pods into namespaces the way the AWS VPC CNI does. Package {@code net} owns
 * the kernel side, {@code kube} the API server, scheduler and controllers; they meet at
 * {@link io.labbench.locallab.PodNetwork}.
 */
package io.labbench.locallab;
