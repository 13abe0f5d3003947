package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.Quantities;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.Store;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The default scheduler's filters that matter in the study — taints, nodeSelector, the node's
 * {@code pods} allocatable and CPU requests — and its least-allocated choice among the nodes left.
 * A pod that fits nowhere stays Pending with {@code PodScheduled=False/Unschedulable} and a
 * {@code FailedScheduling} event worded as kube-scheduler words it; every pass retries Pending pods,
 * so freed capacity or a larger maxPods lets them run.
 */
final class Scheduler implements Controller {

    private static final EventRecorder.Source SOURCE = EventRecorder.Source.of("default-scheduler");
    private final Store store;
    private final EventRecorder events;

    Scheduler(Store store, EventRecorder events) {
        this.store = store;
        this.events = events;
    }

    /** What one node has left. */
    private static final class NodeUse {
        final JsonNode node;
        final long cpuAllocatable;
        final int podsAllocatable;
        long cpuRequested;
        int pods;

        NodeUse(JsonNode node) {
            this.node = node;
            JsonNode alloc = node.path("status").path("allocatable");
            this.cpuAllocatable = Quantities.cpuMillis(alloc.path("cpu").asText("0"));
            this.podsAllocatable = alloc.path("pods").asInt(110);
        }

        double load(long extraCpu) {
            return cpuAllocatable == 0 ? 1 : (double) (cpuRequested + extraCpu) / cpuAllocatable;
        }
    }

    @Override
    public boolean reconcile() {
        Map<String, NodeUse> nodes = new TreeMap<>();
        for (ObjectNode n : store.list(ResourceCatalog.NODES, "")) {
            nodes.put(Meta.name(n), new NodeUse(n));
        }
        List<ObjectNode> pending = new ArrayList<>();
        for (ObjectNode pod : store.listShared(ResourceCatalog.PODS, "")) {
            String nodeName = Json.text(pod, "spec", "nodeName");
            if (Meta.terminated(pod)) {
                continue;
            }
            if (nodeName.isEmpty()) {
                pending.add(pod);
            } else if (nodes.containsKey(nodeName)) {
                NodeUse use = nodes.get(nodeName);
                use.pods++;
                use.cpuRequested += Quantities.podCpuRequest(pod);
            }
        }
        pending.sort(Comparator.comparing((ObjectNode p) -> -p.path("spec").path("priority").asLong())
                .thenComparing(p -> Json.text(p, "metadata", "creationTimestamp"))
                .thenComparing(p -> p.path("metadata").path("resourceVersion").asLong()));
        boolean changed = false;
        for (ObjectNode pod : pending) {
            changed |= schedule(pod, nodes);
        }
        return changed;
    }

    private boolean schedule(ObjectNode pod, Map<String, NodeUse> nodes) {
        long cpu = Quantities.podCpuRequest(pod);
        JsonNode spec = pod.path("spec");
        Map<String, Integer> reasons = new HashMap<>();
        Map<String, Integer> preemption = new HashMap<>();
        NodeUse best = null;
        for (NodeUse use : nodes.values()) {
            List<String> failed = new ArrayList<>();
            boolean resourceOnly = false;
            Optional<JsonNode> taint = Taints.untolerated(use.node, spec);
            if (use.node.path("spec").path("unschedulable").asBoolean()) {
                failed.add("node(s) were unschedulable");
            } else if (taint.isPresent()) {
                failed.add("node(s) had untolerated taint {" + taint.get().path("key").asText() + ": "
                        + taint.get().path("value").asText("") + "}");
            } else if (!Taints.selectorMatches(use.node, spec)) {
                failed.add("node(s) didn't match Pod's node affinity/selector");
            } else {
                if (use.pods + 1 > use.podsAllocatable) {
                    failed.add("Too many pods");
                }
                if (cpu > 0 && use.cpuRequested + cpu > use.cpuAllocatable) {
                    failed.add("Insufficient cpu");
                }
                resourceOnly = true;
            }
            if (failed.isEmpty()) {
                if (best == null || use.load(cpu) < best.load(cpu)
                        || (use.load(cpu) == best.load(cpu) && use.pods < best.pods)) {
                    best = use;
                }
            } else {
                failed.forEach(r -> reasons.merge(r, 1, Integer::sum));
                preemption.merge(resourceOnly ? "No preemption victims found for incoming pod"
                        : "Preemption is not helpful for scheduling", 1, Integer::sum);
            }
        }
        if (best != null) {
            bind(pod, best);
            return true;
        }
        String message = "0/" + nodes.size() + " nodes are available: " + histogram(reasons) + ". preemption: 0/"
                + nodes.size() + " nodes are available: " + histogram(preemption) + ".";
        return markUnschedulable(pod, message);
    }

    private static String histogram(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((reason, n) -> parts.add(n + " " + reason));
        parts.sort(null);
        return String.join(", ", parts);
    }

    private void bind(ObjectNode pod, NodeUse use) {
        String node = Meta.name(use.node);
        Optional<ObjectNode> bound = store.update(ResourceCatalog.PODS, Meta.namespace(pod), Meta.name(pod), p -> {
            p.with("spec").put("nodeName", node);
            setCondition(p, "PodScheduled", "True", "", "");
        });
        if (bound.isPresent()) {
            use.pods++;
            use.cpuRequested += Quantities.podCpuRequest(pod);
            events.normal(bound.get(), "Scheduled", "Successfully assigned " + Meta.namespace(pod) + "/" + Meta.name(pod)
                    + " to " + node, SOURCE);
        }
    }

    private boolean markUnschedulable(ObjectNode pod, String message) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if (c.path("type").asText().equals("PodScheduled") && c.path("message").asText().equals(message)) {
                return false;
            }
        }
        store.update(ResourceCatalog.PODS, Meta.namespace(pod), Meta.name(pod),
                p -> setCondition(p, "PodScheduled", "False", "Unschedulable", message));
        events.warning(pod, "FailedScheduling", message, SOURCE);
        return true;
    }

    static void setCondition(ObjectNode pod, String type, String status, String reason, String message) {
        ObjectNode st = pod.with("status");
        ArrayNode conditions = st.has("conditions") ? (ArrayNode) st.get("conditions") : st.putArray("conditions");
        ObjectNode c = null;
        for (JsonNode existing : conditions) {
            if (existing.path("type").asText().equals(type)) {
                c = (ObjectNode) existing;
            }
        }
        if (c == null) {
            c = conditions.addObject();
        }
        if (!c.path("status").asText().equals(status)) {
            c.put("lastTransitionTime", Meta.now());
        }
        c.put("type", type);
        c.put("status", status);
        c.putNull("lastProbeTime");
        if (reason.isEmpty()) {
            c.remove("reason");
            c.remove("message");
        } else {
            c.put("reason", reason);
            c.put("message", message);
        }
    }
}
