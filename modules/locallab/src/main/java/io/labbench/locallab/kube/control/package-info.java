/**
 * What makes the local API server a cluster rather than a database: the Deployment, ReplicaSet and
 * DaemonSet controllers, the garbage collector, the scheduler (pods allocatable, CPU requests, taints)
 * and a kubelet that asks {@link io.labbench.locallab.spi.PodNetwork} for pod IPs and reports status.
 */
package io.labbench.locallab.kube.control;
