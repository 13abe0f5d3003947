package io.labbench.locallab.kube.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.KindStrategy;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.ResourceType;
import io.labbench.locallab.kube.api.Store;
import io.labbench.locallab.kube.api.TableSpec;
import io.labbench.locallab.kube.api.WorkloadTables;
import java.util.ArrayList;
import java.util.List;

/**
 * The apps/v1 workloads (Deployment, ReplicaSet, DaemonSet, StatefulSet): one instance per kind, each
 * defaulting its pod template like a pod, {@code replicas: 1} except for DaemonSets, and for
 * Deployments the rolling-update strategy, history limit and progress deadline.
 */
final class WorkloadStrategy implements KindStrategy {

    private final ResourceType type;
    private final TableSpec table;

    private WorkloadStrategy(ResourceType type, TableSpec table) {
        this.type = type;
        this.table = table;
    }

    static WorkloadStrategy deployments() {
        return new WorkloadStrategy(ResourceCatalog.DEPLOYMENTS, WorkloadTables.DEPLOYMENTS);
    }

    static WorkloadStrategy replicaSets() {
        return new WorkloadStrategy(ResourceCatalog.REPLICA_SETS, WorkloadTables.REPLICA_SETS);
    }

    static WorkloadStrategy daemonSets() {
        return new WorkloadStrategy(ResourceCatalog.DAEMON_SETS, WorkloadTables.DAEMON_SETS);
    }

    static WorkloadStrategy statefulSets() {
        return new WorkloadStrategy(ResourceCatalog.STATEFUL_SETS, WorkloadTables.STATEFUL_SETS);
    }

    @Override
    public ResourceType type() {
        return type;
    }

    @Override
    public TableSpec table() {
        return table;
    }

    @Override
    public void prepareForCreate(Store store, String namespace, ObjectNode object) {
        ObjectNode spec = object.with("spec");
        if (type != ResourceCatalog.DAEMON_SETS && !spec.has("replicas")) {
            spec.put("replicas", 1);
        }
        if (type == ResourceCatalog.DEPLOYMENTS) {
            spec.putIfAbsent("revisionHistoryLimit", Json.MAPPER.getNodeFactory().numberNode(10));
            spec.putIfAbsent("progressDeadlineSeconds", Json.MAPPER.getNodeFactory().numberNode(600));
            if (!spec.has("strategy")) {
                ObjectNode strategy = spec.putObject("strategy");
                strategy.put("type", "RollingUpdate");
                strategy.putObject("rollingUpdate").put("maxUnavailable", "25%").put("maxSurge", "25%");
            }
        }
        PodDefaults.apply(spec.with("template").with("spec"));
        object.with("status");
    }

    @Override
    public List<String> validate(ObjectNode object) {
        List<String> errors = new ArrayList<>();
        if (object.path("spec").path("selector").isMissingNode()) {
            errors.add("spec.selector: Required value");
        }
        if (object.path("spec").path("replicas").asInt(0) < 0) {
            errors.add("spec.replicas: Invalid value: " + object.path("spec").path("replicas").asInt()
                    + ": must be greater than or equal to 0");
        }
        errors.addAll(PodDefaults.validate(object.path("spec").path("template").path("spec"), "spec.template.spec"));
        return errors;
    }
}
