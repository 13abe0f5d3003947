package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.Store;
import io.labbench.locallab.spi.ClusterNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What CoreDNS's {@code kubernetes} plugin would answer, worked out from the API on every pass of the
 * controller loop and handed to the cluster DNS servers when it changed:
 * {@code <svc>.<ns>.svc.cluster.local} → the ClusterIP, or for a headless Service the ready addresses
 * of its Endpoints; {@code <a-b-c-d>.<ns>.pod.cluster.local} → the pod's IP for every pod that has one.
 * (kOps' Corefile says {@code pods insecure}, which answers any dashed address without looking; the lab
 * lists the pods that exist, which is what a learner asks for.)
 */
final class ClusterDnsController implements Controller {

    /** The cluster domain kOps gives the kubelet ({@code --cluster-domain}). */
    static final String CLUSTER_DOMAIN = "cluster.local";

    private final Store store;
    private final ClusterNames names;
    private List<ClusterNames.Name> published;

    ClusterDnsController(Store store, ClusterNames names) {
        this.store = store;
        this.names = names;
    }

    @Override
    public boolean reconcile() {
        List<ClusterNames.Name> now = names();
        if (!now.equals(published)) {
            names.publish(now);
            published = now;
        }
        // the store is untouched: nothing for the other controllers to look at again
        return false;
    }

    /** Read-only over the shared store objects (no copies): this runs on every controller pass. */
    List<ClusterNames.Name> names() {
        Set<ClusterNames.Name> out = new LinkedHashSet<>();
        for (ObjectNode svc : store.listShared(ResourceCatalog.SERVICES, "")) {
            String name = Meta.name(svc) + "." + Meta.namespace(svc) + ".svc." + CLUSTER_DOMAIN;
            String clusterIp = Json.text(svc, "spec", "clusterIP");
            if (clusterIp.equals("None")) {
                store.get(ResourceCatalog.ENDPOINTS, Meta.namespace(svc), Meta.name(svc)).ifPresent(ep -> {
                    for (JsonNode subset : ep.path("subsets")) {
                        for (JsonNode address : subset.path("addresses")) {
                            out.add(new ClusterNames.Name(name, address.path("ip").asText()));
                        }
                    }
                });
            } else if (!clusterIp.isEmpty() && !Json.text(svc, "spec", "type").equals("ExternalName")) {
                out.add(new ClusterNames.Name(name, clusterIp));
            }
        }
        for (ObjectNode pod : store.listShared(ResourceCatalog.PODS, "")) {
            String ip = Json.text(pod, "status", "podIP");
            if (!ip.isEmpty() && !Meta.terminated(pod)) {
                out.add(new ClusterNames.Name(ip.replace('.', '-') + "." + Meta.namespace(pod) + ".pod." + CLUSTER_DOMAIN, ip));
            }
        }
        return new ArrayList<>(out);
    }
}
