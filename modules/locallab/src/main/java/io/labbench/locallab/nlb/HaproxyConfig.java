package io.labbench.locallab.nlb;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The HAProxy configuration that plays one NLB: a frontend per listener bound to the NLB's address in
 * every AZ (or, with cross-zone load balancing off, one frontend per AZ whose backend holds only that
 * AZ's targets, as an NLB node sends only to its own zone), TCP passed through or TLS terminated with
 * the ACM certificate, PROXY v2 when annotated, and TCP health checks on the annotated port.
 *
 * <p>An NLB whose targets must see the client's address ({@link NlbModel#keepsClientAddress()}) is
 * forwarded by the kernel ({@link KernelForwarding}); its HAProxy only runs the health checks: one
 * backend per target group and a frontend on the namespace's loopback that refuses every connection
 * (HAProxy will not start without one).
 *
 * <p>Health checks run five times faster than ELBv2's seconds say (an interval of 10 s checks every
 * 2 s), with the same thresholds, so a target goes from initial to healthy in seconds, not half a minute.
 */
final class HaproxyConfig {

    /** How much faster than AWS the lab checks (10 s on AWS is 2 s here). */
    static final int CHECK_SPEEDUP = 5;
    /** The loopback port of a checks-only HAProxy's placeholder frontend (inside the NLB's own namespace). */
    static final int CHECKS_ONLY_PORT = 8404;

    private HaproxyConfig() {
    }

    /**
     * @param certificates the PEM file (certificate, chain and key) per certificate ARN
     * @param statsSocket  the runtime API socket the health reader asks ({@code show stat})
     */
    static String render(NlbModel nlb, Map<String, Path> certificates, Path statsSocket) {
        StringBuilder out = new StringBuilder();
        out.append("# written by LabBench's local lab: NLB ").append(nlb.name()).append(" for Service ").append(nlb.serviceKey())
                .append("\nglobal\n    stats socket ").append(statsSocket).append(" mode 600 level admin\n    maxconn 4096\n")
                .append("\ndefaults\n    mode tcp\n    timeout connect 5s\n    timeout client 350s\n    timeout server 350s\n");
        if (nlb.keepsClientAddress()) {
            out.append("\n# the kernel forwards this NLB's connections (client address kept); HAProxy only checks the targets\n")
                    .append("frontend checks-only\n    bind 127.0.0.1:").append(CHECKS_ONLY_PORT).append('\n')
                    .append("    tcp-request connection reject\n    default_backend tg-").append(nlb.listeners().get(0).port()).append('\n');
            for (NlbModel.Listener listener : nlb.listeners()) {
                out.append(backend("tg-" + listener.port(), nlb, listener.targetGroup(), ""));
            }
            return out.toString();
        }
        for (NlbModel.Listener listener : nlb.listeners()) {
            List<List<NlbModel.ZoneNode>> fronts = nlb.crossZone() ? List.of(nlb.zones())
                    : nlb.zones().stream().map(List::of).toList();
            for (List<NlbModel.ZoneNode> front : fronts) {
                String suffix = nlb.crossZone() ? "" : "-" + front.get(0).zone();
                String backend = "tg-" + listener.port() + suffix;
                out.append("\nfrontend listener-").append(listener.port()).append(suffix).append('\n');
                for (NlbModel.ZoneNode node : front) {
                    out.append("    bind ").append(node.address()).append(':').append(listener.port());
                    listener.certificateArn().map(certificates::get)
                            .ifPresent(pem -> out.append(" ssl crt ").append(pem));
                    out.append('\n');
                }
                out.append("    default_backend ").append(backend).append('\n');
                out.append(backend(backend, nlb, listener.targetGroup(), nlb.crossZone() ? "" : front.get(0).zone()));
            }
        }
        return out.toString();
    }

    private static String backend(String name, NlbModel nlb, NlbModel.TargetGroup group, String zone) {
        NlbSpec.HealthCheckTiming t = group.timing();
        long interMs = t.intervalSeconds() * 1000L / CHECK_SPEEDUP;
        long timeoutMs = Math.min(t.timeoutSeconds(), t.intervalSeconds()) * 1000L / CHECK_SPEEDUP;
        StringBuilder out = new StringBuilder("\nbackend ").append(name).append('\n')
                .append("    balance roundrobin\n");
        if (!group.healthCheckPath().isEmpty()) {
            // kube-proxy's health check node port answers 200 only where the Service has a local endpoint
            out.append("    option httpchk GET ").append(group.healthCheckPath()).append('\n')
                    .append("    http-check expect status 200\n");
        }
        out
                .append("    timeout check ").append(timeoutMs).append("ms\n")
                .append("    default-server inter ").append(interMs).append("ms rise ").append(t.healthyThreshold())
                .append(" fall ").append(t.unhealthyThreshold()).append('\n');
        List<NlbModel.Target> targets = group.targets().stream().filter(x -> zone.isEmpty() || x.zone().equals(zone)).toList();
        if (targets.isEmpty()) {
            // an NLB node with no target in its own zone still answers through the others (fail open)
            targets = group.targets();
        }
        for (NlbModel.Target target : targets) {
            out.append("    server ").append(serverName(target)).append(' ').append(target.address()).append(':')
                    .append(target.port()).append(" check");
            if (!group.healthCheckPort().equals("traffic-port")) {
                out.append(" port ").append(group.healthCheckPort());
            }
            if (nlb.proxyProtocolV2()) {
                out.append(" send-proxy-v2");
            }
            if (nlb.backendTls()) {
                out.append(" ssl verify none");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The server's name in the config and in {@code show stat}: the target's id and port. */
    static String serverName(NlbModel.Target target) {
        return target.id() + ":" + target.port();
    }
}
