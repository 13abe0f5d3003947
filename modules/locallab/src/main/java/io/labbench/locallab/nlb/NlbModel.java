package io.labbench.locallab.nlb;

import java.util.List;
import java.util.Optional;

/**
 * One NLB as the controller deploys it: the load balancer with an address per AZ subnet, a listener
 * per Service port and a target group behind each listener with its current targets.
 */
record NlbModel(String serviceKey, String name, String arn, String dnsName, String scheme, boolean crossZone,
                boolean proxyProtocolV2, boolean backendTls, List<ZoneNode> zones, List<Listener> listeners) {

    /** The load balancer's node in one AZ: its address in that AZ's subnet. */
    record ZoneNode(String zone, String subnetId, String address) {
    }

    /** @param certificateArn present on a TLS listener */
    record Listener(int port, String protocol, Optional<String> certificateArn, TargetGroup targetGroup) {
    }

    /**
     * @param healthCheckPort a number, or {@code traffic-port}
     * @param healthCheckPath empty for a TCP check, the path of an HTTP check otherwise
     */
    record TargetGroup(String name, String arn, String targetType, int port, String protocol, String healthCheckPort,
                       String healthCheckPath, NlbSpec.HealthCheckTiming timing, List<Target> targets) {

        /** A target group checked over TCP. */
        TargetGroup(String name, String arn, String targetType, int port, String protocol, String healthCheckPort,
                    NlbSpec.HealthCheckTiming timing, List<Target> targets) {
            this(name, arn, targetType, port, protocol, healthCheckPort, "", timing, targets);
        }

        /** {@code TCP} or {@code HTTP}, as ELBv2 shows the health check's protocol. */
        String healthCheckProtocol() {
            return healthCheckPath.isEmpty() ? "TCP" : "HTTP";
        }
    }

    /** @param id a pod IP, or an instance id (instance targets) */
    record Target(String id, String address, int port, String zone) {
    }

    /**
     * Whether the targets must see the client's own address, as instance targets do on AWS (client IP
     * preservation is always on for them): the kernel forwards these connections ({@link KernelForwarding})
     * instead of HAProxy. TLS listeners, PROXY v2 and TLS to the targets need a proxy, so they stay on HAProxy.
     */
    boolean keepsClientAddress() {
        return !proxyProtocolV2 && !backendTls && !listeners.isEmpty()
                && listeners.stream().allMatch(l -> l.certificateArn().isEmpty() && l.targetGroup().targetType().equals("instance"));
    }

    /** The same load balancer with other targets (everything else decides the data plane's shape). */
    boolean sameShape(NlbModel other) {
        return other != null && name.equals(other.name) && zones.equals(other.zones) && crossZone == other.crossZone
                && proxyProtocolV2 == other.proxyProtocolV2 && backendTls == other.backendTls
                && listeners.stream().map(l -> List.of(l.port(), l.protocol(), l.certificateArn(), l.targetGroup().name()))
                .toList().equals(other.listeners.stream().map(l -> List.of(l.port(), l.protocol(), l.certificateArn(),
                        l.targetGroup().name())).toList());
    }
}
