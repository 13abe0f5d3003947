package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.LabelSelector;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.Store;
import java.util.List;

/**
 * Endpoints of each Service: the IPs of its Running pods (so {@code kubectl get ep} shows the pod IPs an
 * NLB in IP mode would target), and the control-plane node's IP:443 for {@code kubernetes}.
 */
final class EndpointsController implements Controller {

    private final Store store;

    EndpointsController(Store store) {
        this.store = store;
    }

    @Override
    public boolean reconcile() {
        boolean changed = false;
        List<ObjectNode> pods = store.list(ResourceCatalog.PODS, "");
        for (ObjectNode svc : store.list(ResourceCatalog.SERVICES, "")) {
            ObjectNode ep = Json.object();
            ep.put("apiVersion", "v1");
            ep.put("kind", "Endpoints");
            ObjectNode meta = ep.putObject("metadata");
            meta.put("name", Meta.name(svc));
            meta.put("namespace", Meta.namespace(svc));
            if (svc.path("metadata").has("labels")) {
                meta.set("labels", svc.path("metadata").path("labels"));
            }
            ArrayNode subsets = Json.array();
            if (Meta.name(svc).equals("kubernetes") && Meta.namespace(svc).equals("default")) {
                for (ObjectNode node : store.list(ResourceCatalog.NODES, "")) {
                    if (node.path("metadata").path("labels").has("node-role.kubernetes.io/control-plane")) {
                        ObjectNode subset = subsets.addObject();
                        subset.putArray("addresses").addObject().put("ip", internalIp(node));
                        subset.putArray("ports").addObject().put("name", "https").put("port", 443).put("protocol", "TCP");
                    }
                }
            } else if (svc.path("spec").path("selector").size() > 0) {
                LabelSelector selector = LabelSelector.parse(selectorText(svc.path("spec").path("selector")));
                ArrayNode addresses = Json.array();
                JsonNode firstPod = null;
                for (ObjectNode pod : pods) {
                    // as the endpoints controller: a terminating pod leaves at once (its deletionTimestamp is set), a pod
                    // that is not Ready is not served, so kube-proxy stops sending to it before it is gone
                    if (Meta.namespace(pod).equals(Meta.namespace(svc)) && selector.matches(pod) && ready(pod)) {
                        ObjectNode a = addresses.addObject();
                        a.put("ip", Json.text(pod, "status", "podIP"));
                        a.put("nodeName", Json.text(pod, "spec", "nodeName"));
                        a.putObject("targetRef").put("kind", "Pod").put("namespace", Meta.namespace(pod))
                                .put("name", Meta.name(pod)).put("uid", Meta.uid(pod));
                        firstPod = firstPod == null ? pod : firstPod;
                    }
                }
                if (!addresses.isEmpty()) {
                    ObjectNode subset = subsets.addObject();
                    subset.set("addresses", addresses);
                    ArrayNode ports = subset.putArray("ports");
                    for (JsonNode p : svc.path("spec").path("ports")) {
                        ObjectNode port = ports.addObject();
                        if (p.has("name")) {
                            port.put("name", p.path("name").asText());
                        }
                        port.put("port", targetPort(p, firstPod));
                        port.put("protocol", p.path("protocol").asText("TCP"));
                    }
                }
            } else {
                continue;
            }
            if (!subsets.isEmpty()) {
                ep.set("subsets", subsets);
            }
            var existing = store.get(ResourceCatalog.ENDPOINTS, Meta.namespace(svc), Meta.name(svc));
            if (existing.isEmpty()) {
                store.create(ResourceCatalog.ENDPOINTS, Meta.namespace(svc), ep);
                changed = true;
            } else if (!existing.get().path("subsets").equals(ep.path("subsets"))) {
                store.update(ResourceCatalog.ENDPOINTS, Meta.namespace(svc), Meta.name(svc), o -> {
                    if (subsets.isEmpty()) {
                        o.remove("subsets");
                    } else {
                        o.set("subsets", subsets);
                    }
                });
                changed = true;
            }
        }
        return changed;
    }

    private static boolean ready(JsonNode pod) {
        if (!Meta.running(pod) || pod.path("metadata").hasNonNull("deletionTimestamp")) {
            return false;
        }
        for (JsonNode c : pod.path("status").path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                return c.path("status").asText().equals("True");
            }
        }
        return false;
    }

    private static int targetPort(JsonNode servicePort, JsonNode pod) {
        JsonNode target = servicePort.path("targetPort");
        if (target.isInt()) {
            return target.asInt();
        }
        if (target.isTextual() && pod != null) {
            for (JsonNode c : pod.path("spec").path("containers")) {
                for (JsonNode cp : c.path("ports")) {
                    if (cp.path("name").asText().equals(target.asText())) {
                        return cp.path("containerPort").asInt();
                    }
                }
            }
        }
        return servicePort.path("port").asInt();
    }

    private static String selectorText(JsonNode selector) {
        StringBuilder b = new StringBuilder();
        selector.fields().forEachRemaining(e -> b.append(b.length() == 0 ? "" : ",").append(e.getKey()).append('=')
                .append(e.getValue().asText()));
        return b.toString();
    }

    private static String internalIp(JsonNode node) {
        for (JsonNode a : node.path("status").path("addresses")) {
            if (a.path("type").asText().equals("InternalIP")) {
                return a.path("address").asText();
            }
        }
        return "";
    }
}
