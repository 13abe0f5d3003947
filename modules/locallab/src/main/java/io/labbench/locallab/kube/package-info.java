/**
 * The local lab's Kubernetes API server: a loopback HTTP server built on fabric8's mock web server
 * (Vert.x, WebSocket upgrades for exec) over the lab's own indexed object store, that answers the real
 * {@code kubectl} the way a kOps cluster's API server would — discovery, server-side tables, strategic-merge patches, logs and exec — and runs
 * the controllers, scheduler and kubelet that turn Deployments and DaemonSets into pods wired up by
 * {@link io.labbench.locallab.spi.PodNetwork}. {@link io.labbench.locallab.kube.LocalKubeApi} starts it.
 */
package io.labbench.locallab.kube;
