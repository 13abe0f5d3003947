package io.labbench.kube;

import java.util.List;

/**
 * A service with its endpoints and, for the AWS Load Balancer Controller, the load balancer hostname
 * and the TargetGroupBindings that point at it.
 */
public record ServiceRow(String namespace, String name, String type, String clusterIp, String loadBalancer,
                         List<String> ports, List<String> endpoints, List<String> targetGroupBindings) {

    public ServiceRow {
        ports = List.copyOf(ports);
        endpoints = List.copyOf(endpoints);
        targetGroupBindings = List.copyOf(targetGroupBindings);
    }
}
