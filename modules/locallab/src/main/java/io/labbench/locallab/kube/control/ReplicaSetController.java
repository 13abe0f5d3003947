package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.Admission;
import io.labbench.locallab.kube.api.GracefulDeletion;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.NameSuffix;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.Store;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each ReplicaSet's pod count at {@code spec.replicas}: new pods are named {@code <rs>-xxxxx}
 * and pass admission (so the LimitRange's CPU request lands on them); surplus pods go unscheduled
 * ones first, then the newest, as the real controller prefers.
 */
final class ReplicaSetController implements Controller {

    private static final EventRecorder.Source SOURCE = EventRecorder.Source.of("replicaset-controller");
    private final Store store;
    private final Admission admission;
    private final EventRecorder events;

    ReplicaSetController(Store store, EventRecorder events) {
        this.store = store;
        this.admission = new Admission(store);
        this.events = events;
    }

    @Override
    public boolean reconcile() {
        boolean changed = false;
        Map<String, List<ObjectNode>> podsByOwner = new HashMap<>();
        for (ObjectNode pod : store.listShared(ResourceCatalog.PODS, "")) {
            // a Terminating pod no longer counts: the real ReplicaSet controller replaces it at once
            if (!Meta.terminated(pod) && !GracefulDeletion.terminating(pod)) {
                podsByOwner.computeIfAbsent(Meta.controllerUid(pod), k -> new ArrayList<>()).add(pod);
            }
        }
        for (ObjectNode rs : store.list(ResourceCatalog.REPLICA_SETS, "")) {
            List<ObjectNode> pods = podsByOwner.getOrDefault(Meta.uid(rs), List.of());
            int want = rs.path("spec").path("replicas").asInt(1);
            if (pods.size() < want) {
                for (int i = pods.size(); i < want; i++) {
                    ObjectNode pod = store.create(ResourceCatalog.PODS, Meta.namespace(rs), newPod(rs));
                    events.normal(rs, "SuccessfulCreate", "Created pod: " + Meta.name(pod), SOURCE);
                }
                changed = true;
            } else if (pods.size() > want) {
                List<ObjectNode> victims = new ArrayList<>(pods);
                victims.sort(Comparator.comparing((ObjectNode p) -> !Json.text(p, "spec", "nodeName").isEmpty())
                        .thenComparing(p -> Json.text(p, "metadata", "creationTimestamp"), Comparator.reverseOrder()));
                for (ObjectNode victim : victims.subList(0, pods.size() - want)) {
                    GracefulDeletion.delete(store, victim, java.util.OptionalLong.empty());
                    events.normal(rs, "SuccessfulDelete", "Deleted pod: " + Meta.name(victim), SOURCE);
                }
                changed = true;
            }
            changed |= updateStatus(rs, pods.subList(0, Math.min(pods.size(), want)));
        }
        return changed;
    }

    private ObjectNode newPod(JsonNode rs) {
        JsonNode template = rs.path("spec").path("template");
        ObjectNode pod = Json.object();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata");
        meta.put("name", Meta.name(rs) + "-" + NameSuffix.random(5));
        meta.put("generateName", Meta.name(rs) + "-");
        meta.put("namespace", Meta.namespace(rs));
        meta.set("labels", template.path("metadata").path("labels").deepCopy());
        if (template.path("metadata").has("annotations")) {
            meta.set("annotations", template.path("metadata").path("annotations").deepCopy());
        }
        meta.putArray("ownerReferences").add(Meta.ownerReference(rs));
        pod.set("spec", template.path("spec").deepCopy());
        return admission.admit(ResourceCatalog.PODS, Meta.namespace(rs), pod);
    }

    private boolean updateStatus(ObjectNode rs, List<ObjectNode> pods) {
        int ready = (int) pods.stream().filter(Meta::running).count();
        ObjectNode status = Json.object();
        status.put("replicas", pods.size());
        status.put("fullyLabeledReplicas", pods.size());
        status.put("readyReplicas", ready);
        status.put("availableReplicas", ready);
        status.put("observedGeneration", rs.path("metadata").path("generation").asInt(1));
        if (status.equals(rs.path("status"))) {
            return false;
        }
        store.update(ResourceCatalog.REPLICA_SETS, Meta.namespace(rs), Meta.name(rs), o -> o.set("status", status));
        return true;
    }
}
