package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.Admission;
import io.labbench.locallab.kube.api.ExtensionTables;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.ResourceType;
import io.labbench.locallab.kube.api.Store;

/**
 * What a fresh kOps 1.24 cluster on AWS holds before the learner types anything: the four namespaces,
 * the {@code limits} LimitRange (100m CPU per container in {@code default}), the kubernetes and
 * kube-dns services, and kube-system's DaemonSets (aws-node, ebs-csi-node, kops-controller,
 * aws-cloud-controller-manager) and Deployments (coredns, coredns-autoscaler, dns-controller,
 * ebs-csi-controller) with their real images and CPU requests, and the API server's own ClusterRoles and
 * bindings ({@link DefaultClusterRoles}).
 */
public final class ClusterBootstrap {

    private final Store store;
    private final Admission admission;
    private final boolean prefixDelegation;

    public ClusterBootstrap(Store store) {
        this(store, false);
    }

    /** @param prefixDelegation the lab runs with the study's {@code ENABLE_PREFIX_DELEGATION=true} */
    public ClusterBootstrap(Store store, boolean prefixDelegation) {
        this.store = store;
        this.admission = new Admission(store);
        this.prefixDelegation = prefixDelegation;
    }

    public void create() {
        for (String ns : new String[] {"default", "kube-system", "kube-public", "kube-node-lease"}) {
            ObjectNode n = Json.object();
            n.put("apiVersion", "v1").put("kind", "Namespace");
            n.putObject("metadata").put("name", ns).putObject("labels").put("kubernetes.io/metadata.name", ns);
            put(ResourceCatalog.NAMESPACES, "", n);
            ObjectNode sa = Json.object();
            sa.put("apiVersion", "v1").put("kind", "ServiceAccount");
            sa.putObject("metadata").put("name", "default");
            put(ResourceCatalog.SERVICE_ACCOUNTS, ns, sa);
            ObjectNode cm = Json.object();
            cm.put("apiVersion", "v1").put("kind", "ConfigMap");
            cm.putObject("metadata").put("name", "kube-root-ca.crt");
            cm.putObject("data").put("ca.crt", "-----BEGIN CERTIFICATE-----\n(the local lab serves plain HTTP on loopback)\n-----END CERTIFICATE-----\n");
            put(ResourceCatalog.CONFIG_MAPS, ns, cm);
        }
        DefaultClusterRoles rbac = DefaultClusterRoles.load();
        rbac.roles().forEach(role -> put(ExtensionTables.CLUSTER_ROLES, "", role));
        rbac.bindings().forEach(binding -> put(ExtensionTables.CLUSTER_ROLE_BINDINGS, "", binding));
        ObjectNode lr = Json.object();
        lr.put("apiVersion", "v1").put("kind", "LimitRange");
        lr.putObject("metadata").put("name", "limits");
        lr.putObject("spec").putArray("limits").addObject().put("type", "Container")
                .putObject("defaultRequest").put("cpu", "100m");
        put(ResourceCatalog.LIMIT_RANGES, "default", lr);

        put(ResourceCatalog.SERVICES, "default", service("kubernetes", "100.64.0.1", null,
                port("https", 443, 443, "TCP")));
        put(ResourceCatalog.SERVICES, "kube-system", service("kube-dns", "100.64.0.10", "kube-dns",
                port("dns", 53, 53, "UDP"), port("dns-tcp", 53, 53, "TCP"), port("metrics", 9153, 9153, "TCP")));

        put(ResourceCatalog.DAEMON_SETS, "kube-system", Manifests.workload("DaemonSet", "aws-node", "kube-system",
                "k8s-app", "aws-node", 0, Manifests.podSpec(true, "system-node-critical", true, awsNode(prefixDelegation))));
        put(ResourceCatalog.DAEMON_SETS, "kube-system", Manifests.workload("DaemonSet", "ebs-csi-node", "kube-system",
                "app", "ebs-csi-node", 0, Manifests.podSpec(false, "system-node-critical", true,
                        Manifests.container("ebs-plugin", "registry.k8s.io/provider-aws/aws-ebs-csi-driver:v1.14.1", 10, 40),
                        Manifests.container("node-driver-registrar", "registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.6.2", 10, 40),
                        Manifests.container("liveness-probe", "registry.k8s.io/sig-storage/livenessprobe:v2.8.0", 10, 40))));
        put(ResourceCatalog.DAEMON_SETS, "kube-system", Manifests.workload("DaemonSet", "kops-controller", "kube-system",
                "k8s-app", "kops-controller", 0, Manifests.controlPlaneOnly(Manifests.podSpec(true, "system-cluster-critical",
                        false, Manifests.container("kops-controller", "registry.k8s.io/kops/kops-controller:1.24.11", 50, 50)))));
        put(ResourceCatalog.DAEMON_SETS, "kube-system", Manifests.workload("DaemonSet", "aws-cloud-controller-manager",
                "kube-system", "k8s-app", "aws-cloud-controller-manager", 0, Manifests.controlPlaneOnly(Manifests.podSpec(true,
                        "system-cluster-critical", false, Manifests.container("aws-cloud-controller-manager",
                                "registry.k8s.io/provider-aws/cloud-controller-manager:v1.24.1", 200, 0)))));

        ObjectNode corednsContainer = Manifests.container("coredns", "registry.k8s.io/coredns/coredns:v1.9.3", 100, 70);
        // kOps' coredns manifest declares these three; the lab's runtime marks the pod Ready once the TCP ones listen
        ArrayNode corednsPorts = corednsContainer.putArray("ports");
        corednsPorts.addObject().put("containerPort", 53).put("name", "dns").put("protocol", "UDP");
        corednsPorts.addObject().put("containerPort", 53).put("name", "dns-tcp").put("protocol", "TCP");
        corednsPorts.addObject().put("containerPort", 9153).put("name", "metrics").put("protocol", "TCP");
        ObjectNode coredns = Manifests.podSpec(false, "system-cluster-critical", false, corednsContainer);
        coredns.putArray("tolerations").addObject().put("key", "CriticalAddonsOnly").put("operator", "Exists");
        put(ResourceCatalog.DEPLOYMENTS, "kube-system", Manifests.workload("Deployment", "coredns", "kube-system",
                "k8s-app", "kube-dns", 2, coredns));
        put(ResourceCatalog.DEPLOYMENTS, "kube-system", Manifests.workload("Deployment", "coredns-autoscaler",
                "kube-system", "k8s-app", "coredns-autoscaler", 1, Manifests.podSpec(false, "system-cluster-critical", false,
                        Manifests.container("autoscaler", "registry.k8s.io/cpa/cluster-proportional-autoscaler:1.8.5", 20, 10))));
        put(ResourceCatalog.DEPLOYMENTS, "kube-system", Manifests.workload("Deployment", "dns-controller", "kube-system",
                "k8s-app", "dns-controller", 1, Manifests.controlPlaneOnly(Manifests.podSpec(true, "system-cluster-critical",
                        false, Manifests.container("dns-controller", "registry.k8s.io/kops/dns-controller:1.24.11", 50, 50)))));
        put(ResourceCatalog.DEPLOYMENTS, "kube-system", Manifests.workload("Deployment", "ebs-csi-controller",
                "kube-system", "app", "ebs-csi-controller", 1, Manifests.podSpec(false, "system-cluster-critical", false,
                        Manifests.container("ebs-plugin", "registry.k8s.io/provider-aws/aws-ebs-csi-driver:v1.14.1", 10, 40),
                        Manifests.container("csi-provisioner", "registry.k8s.io/sig-storage/csi-provisioner:v3.3.0", 10, 40),
                        Manifests.container("csi-attacher", "registry.k8s.io/sig-storage/csi-attacher:v4.0.0", 10, 40),
                        Manifests.container("csi-resizer", "registry.k8s.io/sig-storage/csi-resizer:v1.6.0", 10, 40),
                        Manifests.container("liveness-probe", "registry.k8s.io/sig-storage/livenessprobe:v2.8.0", 10, 40))));
    }

    /** kOps renders {@code ENABLE_PREFIX_DELEGATION} and, with it on, {@code WARM_PREFIX_TARGET=1}. */
    private static ObjectNode awsNode(boolean prefixDelegation) {
        ObjectNode c = Manifests.container("aws-node", "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.11.4", 25, 0);
        ArrayNode env = c.putArray("env");
        env.addObject().put("name", "AWS_VPC_K8S_CNI_LOGLEVEL").put("value", "DEBUG");
        env.addObject().put("name", "AWS_VPC_K8S_CNI_EXTERNALSNAT").put("value", "false");
        env.addObject().put("name", "ENABLE_PREFIX_DELEGATION").put("value", Boolean.toString(prefixDelegation));
        env.addObject().put("name", "WARM_ENI_TARGET").put("value", "1");
        if (prefixDelegation) {
            env.addObject().put("name", "WARM_PREFIX_TARGET").put("value", "1");
        }
        env.addObject().put("name", "AWS_VPC_ENI_MTU").put("value", "9001");
        c.putArray("ports").addObject().put("containerPort", 61678).put("name", "metrics");
        return c;
    }

    private static ObjectNode service(String name, String clusterIp, String selector, ObjectNode... ports) {
        ObjectNode s = Json.object();
        s.put("apiVersion", "v1").put("kind", "Service");
        ObjectNode meta = s.putObject("metadata");
        meta.put("name", name);
        ObjectNode spec = s.putObject("spec");
        spec.put("clusterIP", clusterIp);
        spec.putArray("clusterIPs").add(clusterIp);
        if (selector != null) {
            spec.putObject("selector").put("k8s-app", selector);
            meta.putObject("labels").put("k8s-app", selector);
        } else {
            meta.putObject("labels").put("component", "apiserver").put("provider", "kubernetes");
        }
        ArrayNode p = spec.putArray("ports");
        for (ObjectNode port : ports) {
            p.add(port);
        }
        return s;
    }

    private static ObjectNode port(String name, int port, int target, String protocol) {
        ObjectNode p = Json.object();
        p.put("name", name).put("port", port).put("targetPort", target).put("protocol", protocol);
        return p;
    }

    private void put(ResourceType type, String namespace, ObjectNode object) {
        if (store.get(type, namespace, Meta.name(object)).isEmpty()) {
            store.create(type, namespace, admission.admit(type, namespace, object));
        }
    }
}
