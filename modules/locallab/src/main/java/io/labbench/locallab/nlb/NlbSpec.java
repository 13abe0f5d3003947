package io.labbench.locallab.nlb;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a Service's annotations ask of its NLB, checked.
 *
 * @param targetType      {@code ip} (pod IPs) or {@code instance} (node IP + NodePort)
 * @param scheme          {@code internet-facing} or {@code internal}
 * @param healthCheckPort a port number, {@code traffic-port}, or {@link #KUBE_PROXY_HEALTH_PORT} (the Service's
 *                        {@code healthCheckNodePort}, for instance targets with {@code externalTrafficPolicy: Local})
 * @param healthCheckPath empty for a TCP check; the HTTP path otherwise ({@code /healthz} on kube-proxy's port)
 * @param proxyProtocolV2 the {@code proxy-protocol: "*"} annotation: a PROXY v2 header in front of each connection
 * @param certificateArns the {@code ssl-cert} ARNs; the first serves the TLS listeners
 * @param sslPorts        ports (numbers or names) whose listeners terminate TLS; empty with a certificate means all
 * @param backendTls      {@code backend-protocol: ssl}: TLS again towards the targets
 */
record NlbSpec(String targetType, String scheme, boolean crossZone, String healthCheckPort, String healthCheckPath,
               HealthCheckTiming timing, boolean proxyProtocolV2, List<String> certificateArns, Set<String> sslPorts,
               boolean backendTls) {

    /** Stands for the Service's {@code healthCheckNodePort} until the model builder knows the number. */
    static final String KUBE_PROXY_HEALTH_PORT = "healthCheckNodePort";

    /** Seconds and counts as ELBv2 shows them (the controller's defaults for NLB target groups: 10, 10, 3, 3). */
    record HealthCheckTiming(int intervalSeconds, int timeoutSeconds, int healthyThreshold, int unhealthyThreshold) {
    }

    Optional<String> certificateArn() {
        return certificateArns.stream().findFirst();
    }

    /** Whether the listener on this Service port terminates TLS. */
    boolean tlsOn(int port, String portName) {
        return certificateArn().isPresent()
                && (sslPorts.isEmpty() || sslPorts.contains("*") || sslPorts.contains(Integer.toString(port)) || sslPorts.contains(portName));
    }
}
