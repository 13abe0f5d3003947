package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.NameSuffix;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * Deployment → ReplicaSet: one ReplicaSet per pod template, named {@code <deployment>-<pod-template-hash>}
 * as the real controller names it; the current one gets {@code spec.replicas}, older ones are scaled to
 * zero (a rollout without surge pacing).
 */
final class DeploymentController implements Controller {

    private static final EventRecorder.Source SOURCE = EventRecorder.Source.of("deployment-controller");
    private final Store store;
    private final EventRecorder events;

    DeploymentController(Store store, EventRecorder events) {
        this.store = store;
        this.events = events;
    }

    @Override
    public boolean reconcile() {
        boolean changed = false;
        List<ObjectNode> replicaSets = store.list(ResourceCatalog.REPLICA_SETS, "");
        for (ObjectNode d : store.list(ResourceCatalog.DEPLOYMENTS, "")) {
            String hash = NameSuffix.templateHash(Json.write(d.path("spec").path("template")));
            String rsName = Meta.name(d) + "-" + hash;
            int replicas = d.path("spec").path("replicas").asInt(1);
            List<ObjectNode> owned = new ArrayList<>();
            ObjectNode current = null;
            for (ObjectNode rs : replicaSets) {
                if (Meta.controllerUid(rs).equals(Meta.uid(d))) {
                    owned.add(rs);
                    if (Meta.name(rs).equals(rsName)) {
                        current = rs;
                    }
                }
            }
            if (current == null) {
                current = store.create(ResourceCatalog.REPLICA_SETS, Meta.namespace(d), replicaSet(d, rsName, hash, replicas, owned.size() + 1));
                events.normal(d, "ScalingReplicaSet", "Scaled up replica set " + rsName + " to " + replicas, SOURCE);
                owned.add(current);
                changed = true;
            } else if (current.path("spec").path("replicas").asInt() != replicas) {
                int before = current.path("spec").path("replicas").asInt();
                store.update(ResourceCatalog.REPLICA_SETS, Meta.namespace(d), rsName, rs -> {
                    rs.with("spec").put("replicas", replicas);
                    rs.with("metadata").with("annotations").put("deployment.kubernetes.io/desired-replicas", String.valueOf(replicas));
                });
                events.normal(d, "ScalingReplicaSet", "Scaled " + (replicas > before ? "up" : "down") + " replica set "
                        + rsName + " to " + replicas + (replicas > before ? "" : " from " + before), SOURCE);
                changed = true;
            }
            for (ObjectNode old : owned) {
                if (!Meta.name(old).equals(rsName) && old.path("spec").path("replicas").asInt() != 0) {
                    store.update(ResourceCatalog.REPLICA_SETS, Meta.namespace(d), Meta.name(old), rs -> rs.with("spec").put("replicas", 0));
                    events.normal(d, "ScalingReplicaSet", "Scaled down replica set " + Meta.name(old) + " to 0", SOURCE);
                    changed = true;
                }
            }
            changed |= updateStatus(d, owned, rsName, replicas);
        }
        return changed;
    }

    private static ObjectNode replicaSet(JsonNode d, String name, String hash, int replicas, int revision) {
        ObjectNode rs = Json.object();
        rs.put("apiVersion", "apps/v1");
        rs.put("kind", "ReplicaSet");
        ObjectNode meta = rs.putObject("metadata");
        meta.put("name", name);
        meta.put("namespace", Meta.namespace(d));
        ObjectNode labels = d.path("spec").path("template").path("metadata").path("labels").deepCopy();
        labels.put("pod-template-hash", hash);
        meta.set("labels", labels.deepCopy());
        meta.putObject("annotations")
                .put("deployment.kubernetes.io/desired-replicas", String.valueOf(replicas))
                .put("deployment.kubernetes.io/max-replicas", String.valueOf(replicas + Math.max(1, (replicas + 3) / 4)))
                .put("deployment.kubernetes.io/revision", String.valueOf(revision));
        meta.putArray("ownerReferences").add(Meta.ownerReference(d));
        ObjectNode spec = rs.putObject("spec");
        spec.put("replicas", replicas);
        ObjectNode selector = d.path("spec").path("selector").deepCopy();
        selector.with("matchLabels").put("pod-template-hash", hash);
        spec.set("selector", selector);
        ObjectNode template = d.path("spec").path("template").deepCopy();
        template.with("metadata").set("labels", labels);
        spec.set("template", template);
        return rs;
    }

    private boolean updateStatus(ObjectNode d, List<ObjectNode> owned, String currentName, int replicas) {
        int total = 0;
        int updated = 0;
        int ready = 0;
        for (ObjectNode rs : store.list(ResourceCatalog.REPLICA_SETS, Meta.namespace(d))) {
            if (!Meta.controllerUid(rs).equals(Meta.uid(d))) {
                continue;
            }
            total += rs.path("status").path("replicas").asInt();
            ready += rs.path("status").path("readyReplicas").asInt();
            if (Meta.name(rs).equals(currentName)) {
                updated = rs.path("status").path("replicas").asInt();
            }
        }
        ObjectNode status = Json.object();
        status.put("observedGeneration", d.path("metadata").path("generation").asInt(1));
        status.put("replicas", total);
        status.put("updatedReplicas", updated);
        status.put("readyReplicas", ready);
        status.put("availableReplicas", ready);
        if (replicas - ready > 0) {
            status.put("unavailableReplicas", replicas - ready);
        }
        JsonNode old = d.path("status");
        ArrayNode conditions = status.putArray("conditions");
        boolean available = ready >= replicas - replicas / 4;
        conditions.add(condition(old, "Available", available, available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                available ? "Deployment has minimum availability." : "Deployment does not have minimum availability."));
        boolean done = ready >= replicas && updated == replicas;
        conditions.add(condition(old, "Progressing", true, done ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                "ReplicaSet \"" + currentName + "\" " + (done ? "has successfully progressed." : "is progressing.")));
        if (sameIgnoringTimes(status, old)) {
            return false;
        }
        store.update(ResourceCatalog.DEPLOYMENTS, Meta.namespace(d), Meta.name(d), o -> o.set("status", status));
        return true;
    }

    private static ObjectNode condition(JsonNode oldStatus, String type, boolean value, String reason, String message) {
        String now = Meta.now();
        String transition = now;
        for (JsonNode c : oldStatus.path("conditions")) {
            if (c.path("type").asText().equals(type) && c.path("status").asText().equals(value ? "True" : "False")) {
                transition = c.path("lastTransitionTime").asText(now);
            }
        }
        ObjectNode c = Json.object();
        c.put("type", type).put("status", value ? "True" : "False").put("lastUpdateTime", now)
                .put("lastTransitionTime", transition).put("reason", reason).put("message", message);
        return c;
    }

    static boolean sameIgnoringTimes(JsonNode a, JsonNode b) {
        return Json.write(a).replaceAll("\"(lastUpdateTime|lastTransitionTime|lastProbeTime)\":\"[^\"]*\"", "")
                .equals(Json.write(b).replaceAll("\"(lastUpdateTime|lastTransitionTime|lastProbeTime)\":\"[^\"]*\"", ""));
    }
}
