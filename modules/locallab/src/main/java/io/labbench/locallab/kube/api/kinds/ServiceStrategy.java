package io.labbench.locallab.kube.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.CoreTables;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.KindStrategy;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.ResourceType;
import io.labbench.locallab.kube.api.Store;
import io.labbench.locallab.kube.api.TableSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Services: type and policy defaults, a ClusterIP (unless headless) and, for NodePort and LoadBalancer
 * Services, a NodePort per port, all from the cluster's one {@link ServiceAddresses}, released when the
 * Service is deleted.
 */
final class ServiceStrategy implements KindStrategy {

    private static final Set<String> TYPES = Set.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName");
    private final ServiceAddresses addresses;

    ServiceStrategy(ServiceAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public ResourceType type() {
        return ResourceCatalog.SERVICES;
    }

    @Override
    public TableSpec table() {
        return CoreTables.SERVICES;
    }

    @Override
    public List<String> validate(ObjectNode svc) {
        List<String> errors = new ArrayList<>();
        // a Service sent without a type is a ClusterIP one: the server's defaulting runs before validation
        String type = svc.path("spec").path("type").asText("ClusterIP");
        if (!TYPES.contains(type)) {
            errors.add("spec.type: Unsupported value: \"" + type + "\": supported values: \"ClusterIP\", \"ExternalName\","
                    + " \"LoadBalancer\", \"NodePort\"");
        }
        JsonNode ports = svc.path("spec").path("ports");
        if (!type.equals("ExternalName") && !Json.text(svc, "spec", "clusterIP").equals("None") && ports.isEmpty()) {
            errors.add("spec.ports: Required value");
        }
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i).path("port").asInt(0);
            if (port < 1 || port > 65535) {
                errors.add("spec.ports[" + i + "].port: Invalid value: " + port + ": must be between 1 and 65535, inclusive");
            }
        }
        return errors;
    }

    @Override
    public void prepareForCreate(Store store, String namespace, ObjectNode svc) {
        ObjectNode spec = svc.with("spec");
        String owner = namespace + "/" + Json.text(svc, "metadata", "name");
        String type = spec.path("type").asText("ClusterIP");
        spec.put("type", type);
        spec.put("sessionAffinity", spec.path("sessionAffinity").asText("None"));
        try {
            if (!type.equals("ExternalName") && !spec.path("clusterIP").asText().equals("None")) {
                String ip = addresses.clusterIp(owner, spec.path("clusterIP").asText(""));
                spec.put("clusterIP", ip);
                spec.putArray("clusterIPs").add(ip);
            }
            spec.put("ipFamilyPolicy", spec.path("ipFamilyPolicy").asText("SingleStack"));
            spec.putArray("ipFamilies").add("IPv4");
            spec.put("internalTrafficPolicy", spec.path("internalTrafficPolicy").asText("Cluster"));
            boolean nodePorts = type.equals("LoadBalancer") || type.equals("NodePort");
            if (nodePorts) {
                spec.put("externalTrafficPolicy", spec.path("externalTrafficPolicy").asText("Cluster"));
                if (type.equals("LoadBalancer")) {
                    spec.put("allocateLoadBalancerNodePorts", spec.path("allocateLoadBalancerNodePorts").asBoolean(true));
                }
            }
            Set<Integer> held = new HashSet<>();
            JsonNode portList = spec.path("ports");
            for (int i = 0; i < portList.size(); i++) {
                ObjectNode port = (ObjectNode) portList.get(i);
                port.put("protocol", port.path("protocol").asText("TCP"));
                if (!port.has("targetPort")) {
                    port.set("targetPort", port.get("port"));
                }
                if (nodePorts) {
                    OptionalInt asked = port.has("nodePort") ? OptionalInt.of(port.path("nodePort").asInt()) : OptionalInt.empty();
                    int given = addresses.nodePort(owner, "spec.ports[" + i + "].nodePort", asked, held);
                    held.add(given);
                    port.put("nodePort", given);
                }
            }
            // the apiserver gives a LoadBalancer Service with externalTrafficPolicy Local a health check port that
            // kube-proxy serves on every node: the load balancer's health checks find the nodes with a local endpoint
            if (type.equals("LoadBalancer") && spec.path("externalTrafficPolicy").asText().equals("Local")) {
                OptionalInt asked = spec.path("healthCheckNodePort").asInt(0) != 0
                        ? OptionalInt.of(spec.path("healthCheckNodePort").asInt()) : OptionalInt.empty();
                spec.put("healthCheckNodePort", addresses.nodePort(owner, "spec.healthCheckNodePort", asked, held));
            }
        } catch (ServiceAddresses.Refused e) {
            addresses.release(owner);
            throw Store.invalid(type(), Json.text(svc, "metadata", "name"), List.of(e.getMessage()));
        }
    }

    @Override
    public void afterDelete(ObjectNode svc) {
        addresses.release(Json.text(svc, "metadata", "namespace") + "/" + Json.text(svc, "metadata", "name"));
    }
}
