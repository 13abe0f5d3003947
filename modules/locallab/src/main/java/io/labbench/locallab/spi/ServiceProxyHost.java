package io.labbench.locallab.spi;

/** What kube-proxy needs of the nodes: their iptables and their health check ports. */
public record ServiceProxyHost(NodeIptables iptables, NodeHealthChecks healthChecks) {
}
