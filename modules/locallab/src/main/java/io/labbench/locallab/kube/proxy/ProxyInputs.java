package io.labbench.locallab.kube.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.Store;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What kube-proxy watches, read from the API's store: every proxied Service port (one with a cluster
 * IP; headless and ExternalName Services are skipped, as kube-proxy's {@code shouldSkipService} does)
 * with the ready addresses of its Endpoints.
 */
public final class ProxyInputs {

    private ProxyInputs() {
    }

    public static List<ProxyServicePort> read(Store store) {
        Map<String, JsonNode> endpoints = new HashMap<>();
        for (ObjectNode ep : store.list(ResourceCatalog.ENDPOINTS, "")) {
            endpoints.put(key(ep), ep);
        }
        List<ProxyServicePort> ports = new ArrayList<>();
        for (ObjectNode svc : store.list(ResourceCatalog.SERVICES, "")) {
            ports.addAll(servicePorts(svc, endpoints.get(key(svc))));
        }
        ports.sort(Comparator.comparing((ProxyServicePort p) -> p.name().toString()).thenComparing(ProxyServicePort::protocol));
        return ports;
    }

    static List<ProxyServicePort> servicePorts(JsonNode svc, JsonNode endpointsObject) {
        JsonNode spec = svc.path("spec");
        String clusterIp = spec.path("clusterIP").asText("");
        if (clusterIp.isEmpty() || clusterIp.equals("None") || spec.path("type").asText().equals("ExternalName")) {
            return List.of();
        }
        String namespace = svc.path("metadata").path("namespace").asText();
        String name = svc.path("metadata").path("name").asText();
        boolean lb = spec.path("type").asText().equals("LoadBalancer");
        List<String> externalIps = texts(spec.path("externalIPs"));
        List<String> lbIps = new ArrayList<>();
        for (JsonNode ingress : svc.path("status").path("loadBalancer").path("ingress")) {
            if (ingress.hasNonNull("ip")) {
                lbIps.add(ingress.path("ip").asText());
            }
        }
        List<ProxyServicePort> out = new ArrayList<>();
        for (JsonNode p : spec.path("ports")) {
            String portName = p.path("name").asText("");
            String protocol = p.path("protocol").asText("TCP");
            out.add(new ProxyServicePort(new ServicePortName(namespace, name, portName), protocol, clusterIp, p.path("port").asInt(),
                    p.path("nodePort").asInt(0), lb ? spec.path("healthCheckNodePort").asInt(0) : 0,
                    spec.path("externalTrafficPolicy").asText("Cluster").equals("Local"),
                    spec.path("internalTrafficPolicy").asText("Cluster").equals("Local"),
                    externalIps, lb ? lbIps : List.of(), lb ? texts(spec.path("loadBalancerSourceRanges")) : List.of(),
                    readyEndpoints(endpointsObject, portName, protocol)));
        }
        return out;
    }

    /** The ready addresses of the subsets that carry this port (by name and protocol), sorted as kube-proxy sorts them. */
    private static List<ProxyEndpoint> readyEndpoints(JsonNode endpointsObject, String portName, String protocol) {
        List<ProxyEndpoint> ready = new ArrayList<>();
        if (endpointsObject == null) {
            return ready;
        }
        for (JsonNode subset : endpointsObject.path("subsets")) {
            for (JsonNode port : subset.path("ports")) {
                if (!port.path("name").asText("").equals(portName) || !port.path("protocol").asText("TCP").equals(protocol)) {
                    continue;
                }
                for (JsonNode address : subset.path("addresses")) {
                    ready.add(new ProxyEndpoint(address.path("ip").asText(), port.path("port").asInt(),
                            address.path("nodeName").asText("")));
                }
            }
        }
        ready.sort(Comparator.comparing(ProxyEndpoint::toString));
        return ready;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String key(JsonNode object) {
        return object.path("metadata").path("namespace").asText() + "/" + object.path("metadata").path("name").asText();
    }
}
