package io.labbench.packetpath.cluster;

import java.util.List;

/** A Service: its cluster IP, ports and the endpoints behind it (what the EndpointSlices say). */
public record ClusterService(String namespace, String name, String type, String clusterIp, List<Port> ports,
                             List<Endpoint> endpoints) {
    public ClusterService {
        ports = List.copyOf(ports);
        endpoints = List.copyOf(endpoints);
    }

    /** One Service port; {@code nodePort} is 0 for ClusterIP Services. */
    public record Port(String name, String protocol, int port, int targetPort, int nodePort) {
    }

    /** One ready endpoint address and the pod and node behind it (empty when not a pod). */
    public record Endpoint(String ip, String pod, String node) {
    }
}
