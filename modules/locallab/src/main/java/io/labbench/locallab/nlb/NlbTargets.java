package io.labbench.locallab.nlb;

import com.fasterxml.jackson.databind.JsonNode;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.Store;
import io.labbench.locallab.net.LabNode;
import io.labbench.locallab.net.LabTopology;
import java.util.ArrayList;
import java.util.List;

/**
 * The targets of one Service port, as the controller's TargetGroupBinding registers them: the ready
 * pods' IPs and target port from the Service's Endpoints (ip), or every worker node's IP and the
 * port's NodePort (instance; the control plane carries kOps's exclude-from-load-balancers label).
 */
final class NlbTargets {

    private final Store store;
    private final LabTopology topology;

    NlbTargets(Store store, LabTopology topology) {
        this.store = store;
        this.topology = topology;
    }

    /** @param portIndex the port's position in {@code spec.ports} (the Endpoints list ports in that order) */
    List<NlbModel.Target> of(JsonNode service, String targetType, int portIndex) {
        JsonNode port = service.path("spec").path("ports").path(portIndex);
        List<NlbModel.Target> targets = new ArrayList<>();
        if (targetType.equals("instance")) {
            int nodePort = port.path("nodePort").asInt();
            if (nodePort > 0) {
                for (LabNode node : topology.nodes()) {
                    if (node.role() == LabNode.Role.WORKER) {
                        targets.add(new NlbModel.Target(node.instanceId(), node.ip().toString(), nodePort, node.subnet().zone()));
                    }
                }
            }
            return targets;
        }
        String ns = service.path("metadata").path("namespace").asText("default");
        String name = service.path("metadata").path("name").asText();
        JsonNode endpoints = store.get(ResourceCatalog.ENDPOINTS, ns, name).orElse(null);
        if (endpoints == null) {
            return targets;
        }
        for (JsonNode subset : endpoints.path("subsets")) {
            int targetPort = subset.path("ports").path(portIndex).path("port").asInt();
            if (targetPort <= 0) {
                continue;
            }
            for (JsonNode address : subset.path("addresses")) {
                String ip = address.path("ip").asText();
                String zone = topology.findNode(address.path("nodeName").asText()).map(n -> n.subnet().zone()).orElse("");
                targets.add(new NlbModel.Target(ip, ip, targetPort, zone));
            }
        }
        return targets;
    }
}
