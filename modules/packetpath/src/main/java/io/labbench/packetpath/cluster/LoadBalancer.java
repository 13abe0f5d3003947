package io.labbench.packetpath.cluster;

import java.util.List;

/**
 * An ELBv2 load balancer as the path needs it: its DNS name and addresses, and listener → target group →
 * targets. In {@code ip} mode targets are pod IPs; in {@code instance} mode they are nodes, reached on the
 * Service's NodePort, where kube-proxy's KUBE-NODEPORTS chains take over.
 */
public record LoadBalancer(String name, String dnsName, List<String> addresses, List<Listener> listeners) {
    public LoadBalancer {
        addresses = List.copyOf(addresses);
        listeners = List.copyOf(listeners);
    }

    public record Listener(String protocol, int port, TargetGroup targetGroup) {
    }

    /** {@code targetType} is {@code ip} or {@code instance}. */
    public record TargetGroup(String name, String targetType, int port, List<Target> targets) {
        public TargetGroup {
            targets = List.copyOf(targets);
        }
    }

    /** A registered target: its id (pod IP or instance id), address, port and health as ELBv2 reports it. */
    public record Target(String id, String ip, int port, String health) {
    }
}
