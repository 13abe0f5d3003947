package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Table columns and cells of pods, nodes and the apps/v1 workloads, as the real API server prints them. */
public final class WorkloadTables {
    private WorkloadTables() {
    }

    public static final TableSpec PODS = new TableSpec(List.of(TableColumn.nameColumn(),
            TableColumn.text("Ready", "The aggregate readiness state of this pod for accepting traffic."),
            TableColumn.text("Status", "The aggregate status of the containers in this pod."),
            TableColumn.text("Restarts", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
            TableColumn.age(),
            TableColumn.wide("IP", "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."),
            TableColumn.wide("Node", "NodeName is a request to schedule this pod onto a specific node."),
            TableColumn.wide("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods."),
            TableColumn.wide("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness.")),
            WorkloadTables::podCells);

    public static final TableSpec NODES = new TableSpec(List.of(TableColumn.nameColumn(),
            TableColumn.text("Status", "The status of the node"),
            TableColumn.text("Roles", "The roles of the node"),
            TableColumn.age(),
            TableColumn.text("Version", "Kubelet Version reported by the node."),
            TableColumn.wide("Internal-IP", "List of internal IPs for the node."),
            TableColumn.wide("External-IP", "List of external IPs for the node."),
            TableColumn.wide("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
            TableColumn.wide("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
            TableColumn.wide("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).")),
            WorkloadTables::nodeCells);

    public static final TableSpec DEPLOYMENTS = new TableSpec(List.of(TableColumn.nameColumn(),
            TableColumn.text("Ready", "Number of the pod with ready state"),
            TableColumn.integer("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
            TableColumn.integer("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
            TableColumn.age(),
            TableColumn.wide("Containers", "Names of each container in the template."),
            TableColumn.wide("Images", "Images referenced by each container in the template."),
            TableColumn.wide("Selector", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.")),
            WorkloadTables::deploymentCells);

    public static final TableSpec REPLICA_SETS = new TableSpec(List.of(TableColumn.nameColumn(),
            TableColumn.integer("Desired", "Replicas is the number of desired replicas."),
            TableColumn.integer("Current", "Replicas is the most recently observed number of replicas."),
            TableColumn.integer("Ready", "The number of ready replicas for this replica set."),
            TableColumn.age(),
            TableColumn.wide("Containers", "Names of each container in the template."),
            TableColumn.wide("Images", "Images referenced by each container in the template."),
            TableColumn.wide("Selector", "Selector is a label query over pods that should match the replica count.")),
            WorkloadTables::replicaSetCells);

    public static final TableSpec DAEMON_SETS = new TableSpec(List.of(TableColumn.nameColumn(),
            TableColumn.integer("Desired", "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod)."),
            TableColumn.integer("Current", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
            TableColumn.integer("Ready", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready."),
            TableColumn.integer("Up-to-date", "The total number of nodes that are running updated daemon pod"),
            TableColumn.integer("Available", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)"),
            TableColumn.text("Node Selector", "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node."),
            TableColumn.age(),
            TableColumn.wide("Containers", "Names of each container in the template."),
            TableColumn.wide("Images", "Images referenced by each container in the template."),
            TableColumn.wide("Selector", "A label query over pods that are managed by the daemon set.")),
            WorkloadTables::daemonSetCells);

    public static final TableSpec STATEFUL_SETS = new TableSpec(List.of(TableColumn.nameColumn(),
            TableColumn.text("Ready", "Number of the pod with ready state"),
            TableColumn.age(),
            TableColumn.wide("Containers", "Names of each container in the template."),
            TableColumn.wide("Images", "Images referenced by each container in the template.")),
            (o, now) -> List.of(name(o), o.path("status").path("readyReplicas").asInt() + "/"
                    + o.path("spec").path("replicas").asInt(1), age(o, now),
                    containerNames(o.path("spec").path("template")), images(o.path("spec").path("template"))));

    public static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    public static String age(JsonNode o, java.time.Instant now) {
        return HumanDuration.since(o.path("metadata").path("creationTimestamp").asText(""), now);
    }

    private static List<Object> podCells(JsonNode pod, java.time.Instant now) {
        JsonNode status = pod.path("status");
        int total = pod.path("spec").path("containers").size();
        int ready = 0;
        int restarts = 0;
        String reason = status.path("reason").asText(status.path("phase").asText("Pending"));
        for (JsonNode cs : status.path("containerStatuses")) {
            restarts += cs.path("restartCount").asInt();
            JsonNode state = cs.path("state");
            if (state.has("waiting") && !state.path("waiting").path("reason").asText().isEmpty()) {
                reason = state.path("waiting").path("reason").asText();
            } else if (state.has("terminated")) {
                reason = state.path("terminated").path("reason").asText("Error");
            } else if (state.has("running") && cs.path("ready").asBoolean()) {
                ready++;
            }
        }
        if (pod.path("metadata").has("deletionTimestamp")) {
            reason = "Terminating";
        }
        String ip = status.path("podIP").asText("");
        String node = pod.path("spec").path("nodeName").asText("");
        String nominated = status.path("nominatedNodeName").asText("");
        JsonNode gates = pod.path("spec").path("readinessGates");
        String readinessGates = gates.isArray() && gates.size() > 0 ? "0/" + gates.size() : "<none>";
        List<Object> cells = new ArrayList<>();
        cells.add(name(pod));
        cells.add(ready + "/" + total);
        cells.add(reason);
        cells.add(String.valueOf(restarts));
        cells.add(age(pod, now));
        cells.add(ip.isEmpty() ? "<none>" : ip);
        cells.add(node.isEmpty() ? "<none>" : node);
        cells.add(nominated.isEmpty() ? "<none>" : nominated);
        cells.add(readinessGates);
        return cells;
    }

    private static List<Object> nodeCells(JsonNode node, java.time.Instant now) {
        String status = "Unknown";
        for (JsonNode c : node.path("status").path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                status = c.path("status").asText().equals("True") ? "Ready" : "NotReady";
            }
        }
        if (node.path("spec").path("unschedulable").asBoolean()) {
            status += ",SchedulingDisabled";
        }
        java.util.TreeSet<String> roles = new java.util.TreeSet<>();
        node.path("metadata").path("labels").fieldNames().forEachRemaining(k -> {
            if (k.startsWith("node-role.kubernetes.io/")) {
                roles.add(k.substring("node-role.kubernetes.io/".length()));
            }
        });
        JsonNode info = node.path("status").path("nodeInfo");
        return List.of(name(node), status, roles.isEmpty() ? "<none>" : String.join(",", roles), age(node, now),
                info.path("kubeletVersion").asText(), address(node, "InternalIP"), address(node, "ExternalIP"),
                info.path("osImage").asText("<unknown>"), info.path("kernelVersion").asText("<unknown>"),
                info.path("containerRuntimeVersion").asText("<unknown>"));
    }

    private static String address(JsonNode node, String type) {
        List<String> found = new ArrayList<>();
        for (JsonNode a : node.path("status").path("addresses")) {
            if (a.path("type").asText().equals(type)) {
                found.add(a.path("address").asText());
            }
        }
        return found.isEmpty() ? "<none>" : String.join(",", found);
    }

    private static List<Object> deploymentCells(JsonNode d, java.time.Instant now) {
        JsonNode st = d.path("status");
        JsonNode tpl = d.path("spec").path("template");
        return List.of(name(d), st.path("readyReplicas").asInt() + "/" + d.path("spec").path("replicas").asInt(1),
                st.path("updatedReplicas").asInt(), st.path("availableReplicas").asInt(), age(d, now),
                containerNames(tpl), images(tpl), selector(d));
    }

    private static List<Object> replicaSetCells(JsonNode rs, java.time.Instant now) {
        JsonNode st = rs.path("status");
        JsonNode tpl = rs.path("spec").path("template");
        return List.of(name(rs), rs.path("spec").path("replicas").asInt(1), st.path("replicas").asInt(),
                st.path("readyReplicas").asInt(), age(rs, now), containerNames(tpl), images(tpl), selector(rs));
    }

    private static List<Object> daemonSetCells(JsonNode ds, java.time.Instant now) {
        JsonNode st = ds.path("status");
        JsonNode tpl = ds.path("spec").path("template");
        List<String> sel = new ArrayList<>();
        tpl.path("spec").path("nodeSelector").fields().forEachRemaining(e -> sel.add(e.getKey() + "=" + e.getValue().asText()));
        return List.of(name(ds), st.path("desiredNumberScheduled").asInt(), st.path("currentNumberScheduled").asInt(),
                st.path("numberReady").asInt(), st.path("updatedNumberScheduled").asInt(),
                st.path("numberAvailable").asInt(), sel.isEmpty() ? "<none>" : String.join(",", sel), age(ds, now),
                containerNames(tpl), images(tpl), selector(ds));
    }

    static String containerNames(JsonNode template) {
        List<String> names = new ArrayList<>();
        template.path("spec").path("containers").forEach(c -> names.add(c.path("name").asText()));
        return String.join(",", names);
    }

    static String images(JsonNode template) {
        List<String> names = new ArrayList<>();
        template.path("spec").path("containers").forEach(c -> names.add(c.path("image").asText()));
        return String.join(",", names);
    }

    private static String selector(JsonNode o) {
        String text = LabelSelector.of(o.path("spec").path("selector")).text();
        return text.isEmpty() ? "<none>" : text;
    }
}
