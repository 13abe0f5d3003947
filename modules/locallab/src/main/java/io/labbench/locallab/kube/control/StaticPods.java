package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.spi.NodeInfo;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.Store;

/**
 * The mirror pods of the static pods kOps runs from the kubelet's manifests: {@code kube-proxy-<node>}
 * on every node, and etcd-manager, kube-apiserver, kube-controller-manager and kube-scheduler on the
 * control plane — all on the host network, named after the node as in the study's
 * {@code kubectl get pod -A}.
 */
public final class StaticPods {

    private static final String K8S = NodeSync.KUBELET_VERSION;
    private final Store store;

    public StaticPods(Store store) {
        this.store = store;
    }

    void createFor(NodeInfo node) {
        create(node, "kube-proxy", "k8s-app", Manifests.container("kube-proxy", "registry.k8s.io/kube-proxy:" + K8S, 100, 0));
        if (NodeSync.isControlPlane(node)) {
            String etcd = "registry.k8s.io/etcdadm/etcd-manager:v3.0.20221209";
            create(node, "etcd-manager-events", "k8s-app", Manifests.container("etcd-manager", etcd, 100, 100));
            create(node, "etcd-manager-main", "k8s-app", Manifests.container("etcd-manager", etcd, 200, 100));
            create(node, "kube-apiserver", "k8s-app",
                    Manifests.container("kube-apiserver", "registry.k8s.io/kube-apiserver:" + K8S, 150, 0),
                    Manifests.container("healthcheck", "registry.k8s.io/kops/kube-apiserver-healthcheck:1.24.11", 0, 0));
            create(node, "kube-controller-manager", "k8s-app",
                    Manifests.container("kube-controller-manager", "registry.k8s.io/kube-controller-manager:" + K8S, 100, 0));
            create(node, "kube-scheduler", "k8s-app",
                    Manifests.container("kube-scheduler", "registry.k8s.io/kube-scheduler:" + K8S, 100, 0));
        }
    }

    private void create(NodeInfo node, String component, String labelKey, ObjectNode... containers) {
        String name = component + "-" + node.name();
        if (store.get(ResourceCatalog.PODS, "kube-system", name).isPresent()) {
            return;
        }
        ObjectNode pod = Json.object();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata");
        meta.put("name", name);
        meta.put("namespace", "kube-system");
        meta.putObject("labels").put(labelKey, component);
        meta.putObject("annotations")
                .put("kubernetes.io/config.mirror", Integer.toHexString(name.hashCode()))
                .put("kubernetes.io/config.source", "file")
                .put("kubernetes.io/config.seen", Meta.now());
        ObjectNode owner = meta.putArray("ownerReferences").addObject();
        owner.put("apiVersion", "v1").put("kind", "Node").put("name", node.name()).put("controller", true);
        store.get(ResourceCatalog.NODES, "", node.name()).ifPresent(n -> owner.put("uid", Meta.uid(n)));
        ObjectNode spec = Manifests.podSpec(true, "system-node-critical", true, containers);
        spec.put("nodeName", node.name());
        spec.put("priority", 2000001000);
        spec.put("restartPolicy", "Always");
        spec.put("schedulerName", "default-scheduler");
        spec.put("terminationGracePeriodSeconds", 30);
        spec.put("enableServiceLinks", true);
        pod.set("spec", spec);
        pod.putObject("status").put("phase", "Pending").put("qosClass", "Burstable");
        store.create(ResourceCatalog.PODS, "kube-system", pod);
    }
}
