package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.LabelSelector;
import io.labbench.locallab.kube.api.NameSuffix;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.ResourceType;
import io.labbench.locallab.kube.api.Store;
import java.util.List;
import java.util.Optional;

/**
 * One EndpointSlice per selector Service, kept equal to its Endpoints as the EndpointSlice controller
 * keeps it: named {@code <service>-<5 characters>}, labelled {@code kubernetes.io/service-name} and
 * managed by {@code endpointslice-controller.k8s.io}, each address with its ready/serving/terminating
 * conditions, node and pod. So {@code kubectl get endpointslices} shows what a real cluster shows.
 */
final class EndpointSliceController implements Controller {

    static final String SERVICE_NAME = "kubernetes.io/service-name";
    private final Store store;
    private final Optional<ResourceType> slices;

    EndpointSliceController(Store store) {
        this.store = store;
        this.slices = store.kinds().find("discovery.k8s.io", "endpointslices");
    }

    @Override
    public boolean reconcile() {
        if (slices.isEmpty()) {
            return false;
        }
        ResourceType type = slices.get();
        boolean changed = false;
        for (ObjectNode svc : store.list(ResourceCatalog.SERVICES, "")) {
            if (svc.path("spec").path("selector").isEmpty()) {
                continue;
            }
            String namespace = Meta.namespace(svc);
            Optional<ObjectNode> endpoints = store.get(ResourceCatalog.ENDPOINTS, namespace, Meta.name(svc));
            if (endpoints.isEmpty()) {
                continue;
            }
            ObjectNode wanted = slice(svc, endpoints.get());
            List<ObjectNode> existing = store.list(type, namespace, LabelSelector.parse(SERVICE_NAME + "=" + Meta.name(svc)),
                    io.labbench.locallab.kube.api.FieldSelector.parse(""));
            if (existing.isEmpty()) {
                wanted.with("metadata").put("name", Meta.name(svc) + "-" + NameSuffix.random(5));
                store.create(type, namespace, wanted);
                changed = true;
            } else {
                ObjectNode have = existing.get(0);
                if (!have.path("endpoints").equals(wanted.path("endpoints")) || !have.path("ports").equals(wanted.path("ports"))) {
                    store.update(type, namespace, Meta.name(have), o -> {
                        o.set("endpoints", wanted.path("endpoints"));
                        o.set("ports", wanted.path("ports"));
                    });
                    changed = true;
                }
            }
        }
        // the controller's slices of a Service that is gone go with it
        for (ObjectNode slice : store.list(type, "", LabelSelector.parse("endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io"),
                io.labbench.locallab.kube.api.FieldSelector.parse(""))) {
            String service = slice.path("metadata").path("labels").path(SERVICE_NAME).asText();
            if (store.get(ResourceCatalog.SERVICES, Meta.namespace(slice), service).isEmpty()) {
                changed |= store.delete(type, Meta.namespace(slice), Meta.name(slice));
            }
        }
        return changed;
    }

    private static ObjectNode slice(ObjectNode svc, ObjectNode endpoints) {
        ObjectNode slice = Json.object();
        ObjectNode meta = slice.putObject("metadata");
        meta.put("generateName", Meta.name(svc) + "-");
        ObjectNode labels = meta.putObject("labels");
        labels.put("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io");
        labels.put(SERVICE_NAME, Meta.name(svc));
        meta.putArray("ownerReferences").add(Meta.ownerReference(svc));
        slice.put("addressType", "IPv4");
        ArrayNode eps = slice.putArray("endpoints");
        ArrayNode ports = slice.putArray("ports");
        for (JsonNode subset : endpoints.path("subsets")) {
            for (JsonNode address : subset.path("addresses")) {
                ObjectNode ep = eps.addObject();
                ep.putArray("addresses").add(address.path("ip").asText());
                ep.putObject("conditions").put("ready", true).put("serving", true).put("terminating", false);
                if (address.has("nodeName")) {
                    ep.put("nodeName", address.path("nodeName").asText());
                }
                if (address.has("targetRef")) {
                    ep.set("targetRef", address.path("targetRef"));
                }
            }
            if (ports.isEmpty()) {
                for (JsonNode port : subset.path("ports")) {
                    // a slice port's name is a pointer the controller always sets, "" for an unnamed Service port
                    // (Endpoints omit it); kubectl describe dereferences it
                    ObjectNode copy = ports.addObject();
                    copy.put("name", port.path("name").asText(""));
                    port.fields().forEachRemaining(f -> copy.set(f.getKey(), f.getValue()));
                }
            }
        }
        if (ports.isEmpty()) {
            // a Service without ready endpoints: the controller's slice has no endpoints and "ports: null"
            slice.remove("ports");
        }
        return slice;
    }
}
