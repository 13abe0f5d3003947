/**
 * What makes the local API server a cluster rather than a database: the Deployment, ReplicaSet and
 * DaemonSet controllers, the garbage collector, the scheduler (pods allocatable, CPU requests, taints)
 * and a kubelet that asks {@link io.labbench.locallab.spi.PodNetwork} for pod IPs and reports status,
 * the Endpoints controller, and the cluster DNS's view of the API (Service and pod names), handed to the
 * runtime's DNS servers through {@link io.labbench.locallab.spi.ClusterNames}.
 */
package io.labbench.locallab.kube.control;
