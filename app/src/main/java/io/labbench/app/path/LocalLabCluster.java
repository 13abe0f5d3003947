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
    public static ClusterState of(LabStatus status, Map<String, MachineState> nodes, LabKube.Listed kube) {
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
        List<ClusterPod> pods = new ArrayList<>();
        for (JsonNode p : kube.pods()) {
            String ip = LabKube.text(p, "status", "podIP");
            String node = LabKube.text(p, "spec", "nodeName");
            if (ip.isEmpty() || node.isEmpty()) {
                continue;
            }
            boolean hostNetwork = p.path("spec").path("hostNetwork").asBoolean(false);
            String ns = LabKube.text(p, "metadata", "namespace");
            String name = LabKube.text(p, "metadata", "name");
            pods.add(new ClusterPod(ns, name, ip, nodeName(status, node),
                    hostNetwork ? "" : VpcCniPodNetwork.hostVethName(ns, name), hostNetwork));
        }
        Map<String, JsonNode> endpoints = new LinkedHashMap<>();
        for (JsonNode e : kube.endpoints()) {
            endpoints.put(LabKube.text(e, "metadata", "namespace") + "/" + LabKube.text(e, "metadata", "name"), e);
        }
        List<ClusterService> services = new ArrayList<>();
        for (JsonNode s : kube.services()) {
            services.add(service(s, endpoints.get(LabKube.text(s, "metadata", "namespace") + "/" + LabKube.text(s, "metadata", "name")),
                    status));
        }
        return new ClusterState(clusterNodes, pods, services, List.of(), LabTopology.VPC_CIDR, names);
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

    private static ClusterService service(JsonNode s, JsonNode e, LabStatus status) {
        List<ClusterService.Port> ports = new ArrayList<>();
        for (JsonNode p : s.path("spec").path("ports")) {
            int port = LabKube.number(p, "port");
            // a named targetPort is the pod's to resolve; the Service's own port stands in for it
            int target = p.path("targetPort").isInt() ? p.path("targetPort").asInt() : port;
            String protocol = LabKube.text(p, "protocol");
            ports.add(new ClusterService.Port(LabKube.text(p, "name"), protocol.isEmpty() ? "TCP" : protocol, port, target,
                    LabKube.number(p, "nodePort")));
        }
        List<ClusterService.Endpoint> endpoints = new ArrayList<>();
        if (e != null) {
            for (JsonNode subset : e.path("subsets")) {
                for (JsonNode a : subset.path("addresses")) {
                    String node = LabKube.text(a, "nodeName");
                    endpoints.add(new ClusterService.Endpoint(LabKube.text(a, "ip"), LabKube.text(a, "targetRef", "name"),
                            node.isEmpty() ? "" : nodeName(status, node)));
                }
            }
        }
        String type = LabKube.text(s, "spec", "type");
        return new ClusterService(LabKube.text(s, "metadata", "namespace"), LabKube.text(s, "metadata", "name"),
                type.isEmpty() ? "ClusterIP" : type, LabKube.text(s, "spec", "clusterIP"), ports, endpoints);
    }
}
