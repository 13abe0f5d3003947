/**
 * One {@link io.labbench.locallab.kube.api.KindStrategy} per kind the local API server serves, after
 * Kubernetes' {@code pkg/registry/<group>/<kind>/strategy.go}: create defaults, validation, table columns
 * and graceful deletion, gathered by {@link io.labbench.locallab.kube.api.kinds.StandardKinds}; plus the
 * one {@link io.labbench.locallab.kube.api.kinds.ServiceAddresses} allocator of ClusterIPs and NodePorts.
 * Adding a kind is one strategy here, listed in {@code StandardKinds}, plus its test.
 */
package io.labbench.locallab.kube.api.kinds;
