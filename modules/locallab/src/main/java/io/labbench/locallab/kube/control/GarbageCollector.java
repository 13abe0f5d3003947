package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.GracefulDeletion;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.ResourceType;
import io.labbench.locallab.kube.api.Store;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cascading deletion: ReplicaSets of a deleted Deployment and pods of a deleted ReplicaSet, DaemonSet or
 * Node go too (kubectl deletes in the background), and pods bound to a node that is gone (a re-rolled
 * node) are removed so their controllers recreate them.
 */
final class GarbageCollector implements Controller {

    private final Store store;

    GarbageCollector(Store store) {
        this.store = store;
    }

    @Override
    public boolean reconcile() {
        Set<String> owners = new HashSet<>();
        Set<String> nodes = new HashSet<>();
        for (ResourceType t : List.of(ResourceCatalog.DEPLOYMENTS, ResourceCatalog.REPLICA_SETS,
                ResourceCatalog.DAEMON_SETS, ResourceCatalog.NODES, ResourceCatalog.STATEFUL_SETS)) {
            for (ObjectNode o : store.list(t, "")) {
                owners.add(Meta.uid(o));
                if (t == ResourceCatalog.NODES) {
                    nodes.add(Meta.name(o));
                }
            }
        }
        boolean changed = false;
        for (ObjectNode rs : store.list(ResourceCatalog.REPLICA_SETS, "")) {
            String owner = Meta.controllerUid(rs);
            if (!owner.isEmpty() && !owners.contains(owner)) {
                changed |= store.delete(ResourceCatalog.REPLICA_SETS, Meta.namespace(rs), Meta.name(rs));
            }
        }
        for (ObjectNode pod : store.listShared(ResourceCatalog.PODS, "")) {
            String owner = Meta.controllerUid(pod);
            String node = Json.text(pod, "spec", "nodeName");
            if (!node.isEmpty() && !nodes.contains(node)) {
                // no kubelet is left to stop it
                GracefulDeletion.finish(store, pod);
                changed = true;
            } else if (!owner.isEmpty() && !owners.contains(owner) && !GracefulDeletion.terminating(pod)) {
                GracefulDeletion.delete(store, pod, java.util.OptionalLong.empty());
                changed = true;
            }
        }
        return changed;
    }
}
