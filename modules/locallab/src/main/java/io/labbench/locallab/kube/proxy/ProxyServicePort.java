package io.labbench.locallab.kube.proxy;

import java.util.List;

/**
 * What kube-proxy knows of one port of one Service.
 *
 * @param protocol            {@code TCP}, {@code UDP} or {@code SCTP}
 * @param nodePort            0 when the Service has none
 * @param healthCheckNodePort 0 unless a LoadBalancer Service with {@code externalTrafficPolicy: Local}
 * @param externalLocal       {@code externalTrafficPolicy: Local}
 * @param internalLocal       {@code internalTrafficPolicy: Local}
 * @param loadBalancerIps     the Service's {@code status.loadBalancer.ingress[].ip} (an NLB's addresses)
 * @param sourceRanges        {@code spec.loadBalancerSourceRanges}
 * @param endpoints           the ready endpoints, in kube-proxy's order (by {@code ip:port})
 */
public record ProxyServicePort(ServicePortName name, String protocol, String clusterIp, int port, int nodePort,
                               int healthCheckNodePort, boolean externalLocal, boolean internalLocal,
                               List<String> externalIps, List<String> loadBalancerIps, List<String> sourceRanges,
                               List<ProxyEndpoint> endpoints) {

    public ProxyServicePort {
        externalIps = List.copyOf(externalIps);
        loadBalancerIps = List.copyOf(loadBalancerIps);
        sourceRanges = List.copyOf(sourceRanges);
        endpoints = List.copyOf(endpoints);
    }

    /** Reached from outside the cluster at all: a NodePort, an external IP or a load balancer address. */
    boolean externallyAccessible() {
        return nodePort != 0 || !externalIps.isEmpty() || !loadBalancerIps.isEmpty();
    }

    boolean externalPolicyLocal() {
        return externallyAccessible() && externalLocal;
    }

    /** kube-proxy's {@code UsesClusterEndpoints}. */
    boolean usesClusterEndpoints() {
        return !internalLocal || (externallyAccessible() && !externalLocal);
    }

    /** kube-proxy's {@code UsesLocalEndpoints}. */
    boolean usesLocalEndpoints() {
        return internalLocal || externalPolicyLocal();
    }

    String lowerProtocol() {
        return protocol.toLowerCase(java.util.Locale.ROOT);
    }
}
