package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.spi.NodeInfo;
import io.labbench.locallab.spi.PodNetwork;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.Quantities;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the Node objects equal to what the kernel side reports: a node per {@link NodeInfo} with kOps'
 * labels, the control-plane taint, Capacity/Allocatable (its {@code pods} follows the ENI formula or,
 * with prefix delegation, kubelet maxPods), a node Lease, and the static pods every kOps node runs.
 */
public final class NodeSync {

    public static final String KUBELET_VERSION = "v1.24.11";
    static final String CONTROL_PLANE_TAINT = "node-role.kubernetes.io/control-plane";

    private final Store store;
    private final PodNetwork network;
    private final StaticPods staticPods;
    private final String kernelVersion;

    public NodeSync(Store store, PodNetwork network, StaticPods staticPods) {
        this.store = store;
        this.network = network;
        this.staticPods = staticPods;
        this.kernelVersion = readKernelVersion();
    }

    /** @return whether anything changed */
    public boolean sync() {
        boolean changed = false;
        List<NodeInfo> nodes = network.nodes();
        Set<String> names = new HashSet<>();
        for (NodeInfo info : nodes) {
            names.add(info.name());
            ObjectNode desired = node(info);
            var existing = store.get(ResourceCatalog.NODES, "", info.name());
            if (existing.isEmpty()) {
                store.create(ResourceCatalog.NODES, "", desired);
                staticPods.createFor(info);
                lease(info);
                changed = true;
            } else if (!existing.get().path("status").path("allocatable").equals(desired.path("status").path("allocatable"))
                    || !existing.get().path("metadata").path("labels").equals(desired.path("metadata").path("labels"))) {
                store.update(ResourceCatalog.NODES, "", info.name(), n -> {
                    n.set("status", desired.get("status"));
                    n.with("metadata").set("labels", desired.path("metadata").path("labels"));
                });
                changed = true;
            }
        }
        for (ObjectNode n : store.list(ResourceCatalog.NODES, "")) {
            if (!names.contains(Meta.name(n))) {
                store.delete(ResourceCatalog.NODES, "", Meta.name(n));
                store.delete(ResourceCatalog.LEASES, "kube-node-lease", Meta.name(n));
                changed = true;
            }
        }
        return changed;
    }

    private void lease(NodeInfo info) {
        ObjectNode lease = Json.object();
        lease.put("apiVersion", "coordination.k8s.io/v1");
        lease.put("kind", "Lease");
        lease.putObject("metadata").put("name", info.name()).put("namespace", "kube-node-lease");
        lease.putObject("spec").put("holderIdentity", info.name()).put("leaseDurationSeconds", 40)
                .put("renewTime", java.time.Instant.now().toString());
        if (store.get(ResourceCatalog.LEASES, "kube-node-lease", info.name()).isEmpty()) {
            store.create(ResourceCatalog.LEASES, "kube-node-lease", lease);
        }
    }

    static boolean isControlPlane(NodeInfo info) {
        return info.role().equals("control-plane") || info.role().equals("master");
    }

    private ObjectNode node(NodeInfo info) {
        ObjectNode n = Json.object();
        n.put("apiVersion", "v1");
        n.put("kind", "Node");
        ObjectNode meta = n.putObject("metadata");
        meta.put("name", info.name());
        String region = info.zone().replaceAll("[a-z]$", "");
        boolean cp = isControlPlane(info);
        ObjectNode labels = meta.putObject("labels");
        labels.put("beta.kubernetes.io/arch", "amd64");
        labels.put("beta.kubernetes.io/instance-type", info.instanceType());
        labels.put("beta.kubernetes.io/os", "linux");
        labels.put("failure-domain.beta.kubernetes.io/region", region);
        labels.put("failure-domain.beta.kubernetes.io/zone", info.zone());
        labels.put("kops.k8s.io/instancegroup", (cp ? "master-" : "nodes-") + info.zone());
        if (cp) {
            labels.put("kops.k8s.io/kops-controller-pki", "");
        }
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("kubernetes.io/hostname", info.name());
        labels.put("kubernetes.io/os", "linux");
        labels.put(cp ? "node-role.kubernetes.io/control-plane" : "node-role.kubernetes.io/node", "");
        if (cp) {
            labels.put("node.kubernetes.io/exclude-from-external-load-balancers", "");
        }
        labels.put("node.kubernetes.io/instance-type", info.instanceType());
        labels.put("topology.ebs.csi.aws.com/zone", info.zone());
        labels.put("topology.kubernetes.io/region", region);
        labels.put("topology.kubernetes.io/zone", info.zone());
        ObjectNode ann = meta.putObject("annotations");
        ann.put("alpha.kubernetes.io/provided-node-ip", info.internalIp());
        ann.put("csi.volume.kubernetes.io/nodeid", "{\"ebs.csi.aws.com\":\"" + info.name() + "\"}");
        ann.put("node.alpha.kubernetes.io/ttl", "0");
        ann.put("volumes.kubernetes.io/controller-managed-attach-detach", "true");
        ObjectNode spec = n.putObject("spec");
        spec.put("providerID", "aws:///" + info.zone() + "/" + info.name());
        if (cp) {
            spec.putArray("taints").addObject().put("key", CONTROL_PLANE_TAINT).put("effect", "NoSchedule");
        }
        ObjectNode status = n.putObject("status");
        String cpu = Quantities.cpu(info.cpuMillis());
        status.putObject("capacity").put("cpu", cpu).put("ephemeral-storage", "130045936Ki")
                .put("hugepages-1Gi", "0").put("hugepages-2Mi", "0")
                .put("memory", Quantities.memoryKi(info.memoryBytes() + 100L * 1024 * 1024))
                .put("pods", String.valueOf(info.maxPods()));
        status.putObject("allocatable").put("cpu", cpu).put("ephemeral-storage", "119850776788")
                .put("hugepages-1Gi", "0").put("hugepages-2Mi", "0")
                .put("memory", Quantities.memoryKi(info.memoryBytes()))
                .put("pods", String.valueOf(info.maxPods()));
        ArrayNode conditions = status.putArray("conditions");
        String now = Meta.now();
        condition(conditions, "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now);
        condition(conditions, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now);
        condition(conditions, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now);
        condition(conditions, "Ready", "True", "KubeletReady", "kubelet is posting ready status. AppArmor enabled", now);
        ArrayNode addresses = status.putArray("addresses");
        String dns = info.hostname() + "." + (region.equals("us-east-1") ? "ec2.internal" : region + ".compute.internal");
        addresses.addObject().put("type", "InternalIP").put("address", info.internalIp());
        addresses.addObject().put("type", "Hostname").put("address", dns);
        addresses.addObject().put("type", "InternalDNS").put("address", dns);
        status.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", 10250);
        String id = Integer.toHexString(info.name().hashCode() & 0x7fffffff);
        status.putObject("nodeInfo")
                .put("machineID", ("ec2" + id + "0000000000000000000000000000").substring(0, 32))
                .put("systemUUID", "ec2" + id.substring(0, Math.min(5, id.length())) + "-0000-0000-0000-000000000000")
                .put("bootID", "00000000-0000-0000-0000-" + ("000000000000" + id).substring(id.length()))
                .put("kernelVersion", kernelVersion)
                .put("osImage", "Ubuntu 20.04.5 LTS")
                .put("containerRuntimeVersion", "containerd://1.6.18")
                .put("kubeletVersion", KUBELET_VERSION)
                .put("kubeProxyVersion", KUBELET_VERSION)
                .put("operatingSystem", "linux")
                .put("architecture", "amd64");
        return n;
    }

    private static void condition(ArrayNode conditions, String type, String status, String reason, String message, String now) {
        conditions.addObject().put("type", type).put("status", status).put("lastHeartbeatTime", now)
                .put("lastTransitionTime", now).put("reason", reason).put("message", message);
    }

    private static String readKernelVersion() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (IOException e) {
            return System.getProperty("os.version", "unknown");
        }
    }
}
