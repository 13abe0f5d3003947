package io.labbench.app.path;

import com.fasterxml.jackson.databind.JsonNode;
import io.labbench.locallab.LabStatus;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.net.VpcCniPodNetwork;
import io.labbench.netparse.model.Address;
import io.labbench.netparse.model.AddressedInterface;
import io.labbench.netparse.parsers.IpAddrParser;
import io.labbench.packetpath.cluster.ClusterNode;
import io.labbench.packetpath.cluster.ClusterPod;
import io.labbench.packetpath.cluster.ClusterService;
import io.labbench.packetpath.cluster.ClusterState;
import io.labbench.packetpath.kernel.MachineState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running local lab's cluster as the path needs it: nodes and their ENIs (from {@code ip addr} in each
 * node's snapshot), pods, Services and endpoints from the lab's Kubernetes API, the VPC CIDR, and the names
 * the lab resolves ({@code api.CLUSTER}, node hostnames, {@code internet} for the internet stand-in).
 */
public final class LocalLabCluster {
    private LocalLabCluster() {
    }

    /**
     * The cluster from what was read already: each node's snapshot (its {@code ip addr} gives the ENIs; a node
     * missing from {@code nodes} is listed without ENIs) and the Kubernetes objects.
     */
    public static ClusterState of(LabStatus status, Map<String, MachineState> nodes, ClusterObjects.Listed kube) {
        List<ClusterNode> clusterNodes = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (LabStatus.Node n : status.nodes()) {
            List<AddressedInterface> interfaces = nodes.containsKey(n.name()) ? nodes.get(n.name()).interfaces() : List.of();
            clusterNodes.add(new ClusterNode(n.name(), n.hostname(), enis(interfaces)));
            names.put(n.hostname(), n.ip());
            if ("control-plane".equals(n.role()) && !status.clusterName().isEmpty()) {
                names.put("api." + status.clusterName(), n.ip());
            }
        }
        names.put("internet", LabTopology.INET_ADDRESS);
        java.util.function.UnaryOperator<String> nodeName = kubeName -> nodeName(status, kubeName);
        List<ClusterPod> pods = pods(kube, nodeName);
        List<ClusterService> services = services(kube, nodeName);
        return new ClusterState(clusterNodes, pods, services, List.of(), LabTopology.VPC_CIDR, names);
    }

    /**
     * The pods with an address and a node, named by the path's node names ({@code nodeName} maps the Kubernetes
     * node name); a pod's host veth is the VPC CNI's name for it ({@code eni} + the first 11 hex digits of
     * SHA-1 of {@code NAMESPACE.NAME}), which the local lab gives its veths too.
     */
    static List<ClusterPod> pods(ClusterObjects.Listed kube, java.util.function.UnaryOperator<String> nodeName) {
        List<ClusterPod> pods = new ArrayList<>();
        for (JsonNode p : kube.pods()) {
            String ip = ClusterObjects.text(p, "status", "podIP");
            String node = ClusterObjects.text(p, "spec", "nodeName");
            if (ip.isEmpty() || node.isEmpty()) {
                continue;
            }
            boolean hostNetwork = p.path("spec").path("hostNetwork").asBoolean(false);
            String ns = ClusterObjects.text(p, "metadata", "namespace");
            String name = ClusterObjects.text(p, "metadata", "name");
            pods.add(new ClusterPod(ns, name, ip, nodeName.apply(node),
                    hostNetwork ? "" : VpcCniPodNetwork.hostVethName(ns, name), hostNetwork));
        }
        return pods;
    }

    /** The Services with their ports and ready endpoints. */
    static List<ClusterService> services(ClusterObjects.Listed kube, java.util.function.UnaryOperator<String> nodeName) {
        Map<String, JsonNode> endpoints = new LinkedHashMap<>();
        for (JsonNode e : kube.endpoints()) {
            endpoints.put(ClusterObjects.text(e, "metadata", "namespace") + "/" + ClusterObjects.text(e, "metadata", "name"), e);
        }
        List<ClusterService> services = new ArrayList<>();
        for (JsonNode s : kube.services()) {
            services.add(service(s, endpoints.get(ClusterObjects.text(s, "metadata", "namespace") + "/"
                    + ClusterObjects.text(s, "metadata", "name")), nodeName));
        }
        return services;
    }

    static List<ClusterNode.Eni> enis(String ipAddr) {
        return enis(IpAddrParser.parse(ipAddr).interfaces());
    }

    static List<ClusterNode.Eni> enis(List<AddressedInterface> interfaces) {
        List<ClusterNode.Eni> enis = new ArrayList<>();
        for (AddressedInterface i : interfaces) {
            if (!i.name().startsWith("ens")) {
                continue;
            }
            for (Address a : i.addresses()) {
                if ("inet".equals(a.family()) && a.cidr().contains("/")) {
                    enis.add(new ClusterNode.Eni(i.name(), a.cidr().substring(0, a.cidr().indexOf('/'))));
                }
            }
        }
        // ens5 is the primary ENI; the primary address of each comes first in ip addr
        enis.sort(Comparator.comparing(ClusterNode.Eni::device, Comparator.comparingInt(String::length)
                .thenComparing(Comparator.naturalOrder())));
        return enis;
    }

    private static String nodeName(LabStatus status, String kubeNodeName) {
        return status.nodes().stream().filter(n -> kubeNodeName.equals(n.name()) || kubeNodeName.equals(n.instanceId())
                || kubeNodeName.equals(n.hostname())).map(LabStatus.Node::name).findFirst().orElse(kubeNodeName);
    }

    private static ClusterService service(JsonNode s, JsonNode e, java.util.function.UnaryOperator<String> nodeName) {
        List<ClusterService.Port> ports = new ArrayList<>();
        for (JsonNode p : s.path("spec").path("ports")) {
            int port = ClusterObjects.number(p, "port");
            // a named targetPort is the pod's to resolve; the Service's own port stands in for it
            int target = p.path("targetPort").isInt() ? p.path("targetPort").asInt() : port;
            String protocol = ClusterObjects.text(p, "protocol");
            ports.add(new ClusterService.Port(ClusterObjects.text(p, "name"), protocol.isEmpty() ? "TCP" : protocol, port, target,
                    ClusterObjects.number(p, "nodePort")));
        }
        List<ClusterService.Endpoint> endpoints = new ArrayList<>();
        if (e != null) {
            for (JsonNode subset : e.path("subsets")) {
                for (JsonNode a : subset.path("addresses")) {
                    String node = ClusterObjects.text(a, "nodeName");
                    endpoints.add(new ClusterService.Endpoint(ClusterObjects.text(a, "ip"), ClusterObjects.text(a, "targetRef", "name"),
                            node.isEmpty() ? "" : nodeName.apply(node)));
                }
            }
        }
        String type = ClusterObjects.text(s, "spec", "type");
        return new ClusterService(ClusterObjects.text(s, "metadata", "namespace"), ClusterObjects.text(s, "metadata", "name"),
                type.isEmpty() ? "ClusterIP" : type, ClusterObjects.text(s, "spec", "clusterIP"), ports, endpoints);
    }
}
