package io.labbench.locallab.nlb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the NLB a Service asks for: names as the controller gives them, a listener and target group per port. */
final class NlbModelBuilder {

    private final String clusterName;
    private final String accountId;
    private final NlbTargets targets;

    NlbModelBuilder(String clusterName, String accountId, NlbTargets targets) {
        this.clusterName = clusterName;
        this.accountId = accountId;
        this.targets = targets;
    }

    /** The load balancer's name for this Service and spec (it decides whether an existing NLB is the same one). */
    String name(JsonNode service, NlbSpec spec) {
        JsonNode meta = service.path("metadata");
        return NlbNames.loadBalancerName(clusterName, meta.path("namespace").asText("default"), meta.path("name").asText(),
                meta.path("uid").asText(), spec.scheme());
    }

    NlbModel build(JsonNode service, NlbSpec spec, List<NlbModel.ZoneNode> zones) {
        JsonNode meta = service.path("metadata");
        String ns = meta.path("namespace").asText("default");
        String svc = meta.path("name").asText();
        String lbName = name(service, spec);
        List<NlbModel.Listener> listeners = new ArrayList<>();
        JsonNode ports = service.path("spec").path("ports");
        for (int i = 0; i < ports.size(); i++) {
            JsonNode p = ports.path(i);
            int port = p.path("port").asInt();
            boolean tls = spec.tlsOn(port, p.path("name").asText());
            List<NlbModel.Target> ts = targets.of(service, spec.targetType(), i);
            int tgPort = spec.targetType().equals("instance") ? p.path("nodePort").asInt()
                    : ts.stream().findFirst().map(NlbModel.Target::port).orElse(p.path("targetPort").asInt(port));
            String protocol = spec.backendTls() ? "TLS" : "TCP";
            String hcPort = healthCheckPort(service, spec);
            String hcPath = hcPort.equals("traffic-port") ? "" : spec.healthCheckPath();
            String tgName = NlbNames.targetGroupName(clusterName, ns, svc, port, tgPort, spec.targetType(), protocol,
                    hcPort, hcPath.isEmpty() ? "TCP" : "HTTP");
            NlbModel.TargetGroup group = new NlbModel.TargetGroup(tgName, NlbNames.targetGroupArn(accountId, tgName),
                    spec.targetType(), tgPort, protocol, hcPort, hcPath, spec.timing(), ts);
            listeners.add(new NlbModel.Listener(port, tls ? "TLS" : "TCP", tls ? spec.certificateArn() : Optional.empty(), group));
        }
        return new NlbModel(ns + "/" + svc, lbName, NlbNames.loadBalancerArn(accountId, lbName), NlbNames.dnsName(lbName, accountId),
                spec.scheme(), spec.crossZone(), spec.proxyProtocolV2(), spec.backendTls(), zones, listeners);
    }

    /** The annotated port, or kube-proxy's {@code healthCheckNodePort} of the Service (traffic port while it has none). */
    private static String healthCheckPort(JsonNode service, NlbSpec spec) {
        if (!spec.healthCheckPort().equals(NlbSpec.KUBE_PROXY_HEALTH_PORT)) {
            return spec.healthCheckPort();
        }
        int port = service.path("spec").path("healthCheckNodePort").asInt(0);
        return port > 0 ? Integer.toString(port) : "traffic-port";
    }
}
