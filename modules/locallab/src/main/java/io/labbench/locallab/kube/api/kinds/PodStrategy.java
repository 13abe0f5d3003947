package io.labbench.locallab.kube.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.GracefulDeletion;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.KindStrategy;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.ResourceType;
import io.labbench.locallab.kube.api.Store;
import io.labbench.locallab.kube.api.TableSpec;
import io.labbench.locallab.kube.api.WorkloadTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Pods: spec defaults, the LimitRanger's default requests and limits (kOps puts a {@code limits}
 * LimitRange of 100m CPU in {@code default}, which is why the study's nginx pods run out of CPU),
 * {@code Pending} and the QoS class on create; graceful deletion ({@link GracefulDeletion}); and
 * {@code spec.nodeName} indexed for each node's kubelet.
 */
final class PodStrategy implements KindStrategy {

    @Override
    public ResourceType type() {
        return ResourceCatalog.PODS;
    }

    @Override
    public void prepareForCreate(Store store, String namespace, ObjectNode pod) {
        PodDefaults.apply(pod.with("spec"));
        applyLimitRanges(store, namespace, pod);
        ObjectNode status = pod.with("status");
        status.put("phase", "Pending");
        status.put("qosClass", qosClass(pod));
    }

    @Override
    public List<String> validate(ObjectNode pod) {
        return PodDefaults.validate(pod.path("spec"), "spec");
    }

    @Override
    public TableSpec table() {
        return WorkloadTables.PODS;
    }

    @Override
    public Optional<ObjectNode> delete(Store store, ObjectNode pod, OptionalLong requestedGrace) {
        return GracefulDeletion.delete(store, pod, requestedGrace);
    }

    @Override
    public List<String> indexedFields() {
        return List.of("spec.nodeName");
    }

    private static void applyLimitRanges(Store store, String namespace, ObjectNode pod) {
        List<String> set = new ArrayList<>();
        for (ObjectNode lr : store.list(ResourceCatalog.LIMIT_RANGES, namespace)) {
            for (JsonNode limit : lr.path("spec").path("limits")) {
                if (!limit.path("type").asText().equals("Container")) {
                    continue;
                }
                for (JsonNode c : pod.path("spec").path("containers")) {
                    ObjectNode resources = ((ObjectNode) c).with("resources");
                    limit.path("defaultRequest").fields().forEachRemaining(e -> {
                        ObjectNode requests = resources.with("requests");
                        if (!requests.has(e.getKey())) {
                            requests.set(e.getKey(), e.getValue());
                            set.add(e.getKey() + " request for container " + c.path("name").asText());
                        }
                    });
                    limit.path("default").fields().forEachRemaining(e -> {
                        ObjectNode limits = resources.with("limits");
                        if (!limits.has(e.getKey())) {
                            limits.set(e.getKey(), e.getValue());
                            set.add(e.getKey() + " limit for container " + c.path("name").asText());
                        }
                    });
                }
            }
        }
        if (!set.isEmpty()) {
            pod.with("metadata").with("annotations").put("kubernetes.io/limit-ranger",
                    "LimitRanger plugin set: " + String.join("; ", set));
        }
    }

    private static String qosClass(JsonNode pod) {
        boolean any = false;
        for (JsonNode c : pod.path("spec").path("containers")) {
            any |= c.path("resources").path("requests").size() > 0 || c.path("resources").path("limits").size() > 0;
        }
        return any ? "Burstable" : "BestEffort";
    }

    static String name(JsonNode o) {
        return Json.text(o, "metadata", "name");
    }
}
