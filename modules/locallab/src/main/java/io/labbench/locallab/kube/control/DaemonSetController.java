package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.Admission;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.NameSuffix;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One pod per fitting node for each DaemonSet ({@code aws-node-xxxxx}, {@code ebs-csi-node-xxxxx}). As
 * the real controller does since Kubernetes 1.12, a pod names its node by node affinity and the
 * scheduler binds it, so DaemonSet pods count against the node's {@code pods} allocatable and a full
 * node leaves a new DaemonSet's pod Pending with {@code Too many pods}.
 */
final class DaemonSetController implements Controller {

    private static final EventRecorder.Source SOURCE = EventRecorder.Source.of("daemonset-controller");
    private final Store store;
    private final Admission admission;
    private final EventRecorder events;

    DaemonSetController(Store store, EventRecorder events) {
        this.store = store;
        this.admission = new Admission(store);
        this.events = events;
    }

    @Override
    public boolean reconcile() {
        boolean changed = false;
        List<ObjectNode> nodes = store.list(ResourceCatalog.NODES, "");
        Map<String, List<ObjectNode>> podsByOwner = new HashMap<>();
        for (ObjectNode pod : store.listShared(ResourceCatalog.PODS, "")) {
            podsByOwner.computeIfAbsent(Meta.controllerUid(pod), k -> new ArrayList<>()).add(pod);
        }
        for (ObjectNode ds : store.list(ResourceCatalog.DAEMON_SETS, "")) {
            JsonNode podSpec = ds.path("spec").path("template").path("spec");
            Map<String, ObjectNode> byNode = new HashMap<>();
            for (ObjectNode pod : podsByOwner.getOrDefault(Meta.uid(ds), List.of())) {
                String node = Json.text(pod, "spec", "nodeName");
                byNode.put(node.isEmpty() ? Taints.affinityNodeName(pod.path("spec")) : node, pod);
            }
            Set<String> wanted = new HashSet<>();
            for (ObjectNode node : nodes) {
                if (Taints.selectorMatches(node, podSpec) && Taints.untolerated(node, podSpec).isEmpty()) {
                    wanted.add(Meta.name(node));
                    if (!byNode.containsKey(Meta.name(node))) {
                        ObjectNode pod = store.create(ResourceCatalog.PODS, Meta.namespace(ds), newPod(ds, Meta.name(node)));
                        events.normal(ds, "SuccessfulCreate", "Created pod: " + Meta.name(pod), SOURCE);
                        changed = true;
                    }
                }
            }
            for (Map.Entry<String, ObjectNode> e : byNode.entrySet()) {
                if (!wanted.contains(e.getKey())) {
                    store.delete(ResourceCatalog.PODS, Meta.namespace(ds), Meta.name(e.getValue()));
                    events.normal(ds, "SuccessfulDelete", "Deleted pod: " + Meta.name(e.getValue()), SOURCE);
                    changed = true;
                }
            }
            int ready = 0;
            int current = 0;
            for (Map.Entry<String, ObjectNode> e : byNode.entrySet()) {
                if (wanted.contains(e.getKey())) {
                    current++;
                    ready += Meta.running(e.getValue()) ? 1 : 0;
                }
            }
            ObjectNode status = Json.object();
            status.put("currentNumberScheduled", current);
            status.put("numberMisscheduled", 0);
            status.put("desiredNumberScheduled", wanted.size());
            status.put("numberReady", ready);
            status.put("observedGeneration", ds.path("metadata").path("generation").asInt(1));
            status.put("updatedNumberScheduled", current);
            status.put("numberAvailable", ready);
            if (wanted.size() - ready > 0) {
                status.put("numberUnavailable", wanted.size() - ready);
            }
            if (!status.equals(ds.path("status"))) {
                store.update(ResourceCatalog.DAEMON_SETS, Meta.namespace(ds), Meta.name(ds), o -> o.set("status", status));
                changed = true;
            }
        }
        return changed;
    }

    private ObjectNode newPod(JsonNode ds, String node) {
        JsonNode template = ds.path("spec").path("template");
        ObjectNode pod = Json.object();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata");
        meta.put("name", Meta.name(ds) + "-" + NameSuffix.random(5));
        meta.put("generateName", Meta.name(ds) + "-");
        ObjectNode labels = template.path("metadata").path("labels").deepCopy();
        labels.put("controller-revision-hash", NameSuffix.templateHash(Json.write(template)));
        labels.put("pod-template-generation", String.valueOf(ds.path("metadata").path("generation").asInt(1)));
        meta.set("labels", labels);
        meta.putArray("ownerReferences").add(Meta.ownerReference(ds));
        ObjectNode spec = template.path("spec").deepCopy();
        // the controller has checked the template's own node affinity: the pod's required terms name its node only
        ObjectNode required = spec.with("affinity").with("nodeAffinity").putObject("requiredDuringSchedulingIgnoredDuringExecution");
        ObjectNode field = required.putArray("nodeSelectorTerms").addObject().putArray("matchFields").addObject();
        field.put("key", "metadata.name").put("operator", "In").putArray("values").add(node);
        pod.set("spec", spec);
        return admission.admit(ResourceCatalog.PODS, Meta.namespace(ds), pod);
    }
}
