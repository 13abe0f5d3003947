package io.labbench.app.path;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.labbench.kube.KubeconfigSource;
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
import io.labbench.packetpath.live.MachineShell;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The running local lab's cluster as the path needs it: nodes and their ENIs (read with {@code ip addr} in
 * each node), pods, Services and endpoints from the lab's Kubernetes API, the VPC CIDR, and the names the
 * lab resolves ({@code api.CLUSTER}, node hostnames, {@code internet} for the internet stand-in).
 */
public final class LocalLabCluster {
    private LocalLabCluster() {
    }

    public static ClusterState read(LabStatus status, MachineShell shell) throws IOException {
        List<ClusterNode> nodes = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (LabStatus.Node n : status.nodes()) {
            nodes.add(new ClusterNode(n.name(), n.hostname(), enis(shell.run(n.name(), "ip addr").stdout())));
            names.put(n.hostname(), n.ip());
            if ("control-plane".equals(n.role()) && !status.clusterName().isEmpty()) {
                names.put("api." + status.clusterName(), n.ip());
            }
        }
        names.put("internet", LabTopology.INET_ADDRESS);
        List<ClusterPod> pods = new ArrayList<>();
        List<ClusterService> services = new ArrayList<>();
        if (!status.kubeconfig().isEmpty()) {
            try (KubernetesClient kube = KubeconfigSource.fromFile(Path.of(status.kubeconfig())).connect()) {
                for (Pod p : kube.pods().inAnyNamespace().list().getItems()) {
                    String ip = p.getStatus() == null ? null : p.getStatus().getPodIP();
                    if (ip == null || ip.isEmpty() || p.getSpec().getNodeName() == null) {
                        continue;
                    }
                    boolean hostNetwork = Boolean.TRUE.equals(p.getSpec().getHostNetwork());
                    String ns = p.getMetadata().getNamespace();
                    String name = p.getMetadata().getName();
                    pods.add(new ClusterPod(ns, name, ip, nodeName(status, p.getSpec().getNodeName()),
                            hostNetwork ? "" : VpcCniPodNetwork.hostVethName(ns, name), hostNetwork));
                }
                Map<String, Endpoints> endpoints = new LinkedHashMap<>();
                for (Endpoints e : kube.endpoints().inAnyNamespace().list().getItems()) {
                    endpoints.put(e.getMetadata().getNamespace() + "/" + e.getMetadata().getName(), e);
                }
                for (Service s : kube.services().inAnyNamespace().list().getItems()) {
                    services.add(service(s, endpoints.get(s.getMetadata().getNamespace() + "/" + s.getMetadata().getName()), status));
                }
            } catch (KubernetesClientException e) {
                throw new IOException("the lab's Kubernetes API did not answer (" + e.getMessage() + "); is the lab up?"
                        + " 'labbench lab status' tells", e);
            }
        }
        return new ClusterState(nodes, pods, services, List.of(), LabTopology.VPC_CIDR, names);
    }

    static List<ClusterNode.Eni> enis(String ipAddr) {
        List<ClusterNode.Eni> enis = new ArrayList<>();
        for (AddressedInterface i : IpAddrParser.parse(ipAddr).interfaces()) {
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

    private static ClusterService service(Service s, Endpoints e, LabStatus status) {
        List<ClusterService.Port> ports = new ArrayList<>();
        for (ServicePort p : s.getSpec().getPorts() == null ? List.<ServicePort>of() : s.getSpec().getPorts()) {
            int target = p.getTargetPort() != null && p.getTargetPort().getIntVal() != null ? p.getTargetPort().getIntVal() : p.getPort();
            ports.add(new ClusterService.Port(Objects.toString(p.getName(), ""), Objects.toString(p.getProtocol(), "TCP"),
                    p.getPort(), target, p.getNodePort() == null ? 0 : p.getNodePort()));
        }
        List<ClusterService.Endpoint> endpoints = new ArrayList<>();
        if (e != null && e.getSubsets() != null) {
            for (EndpointSubset subset : e.getSubsets()) {
                for (EndpointAddress a : subset.getAddresses() == null ? List.<EndpointAddress>of() : subset.getAddresses()) {
                    String pod = a.getTargetRef() == null ? "" : Objects.toString(a.getTargetRef().getName(), "");
                    endpoints.add(new ClusterService.Endpoint(a.getIp(), pod,
                            a.getNodeName() == null ? "" : nodeName(status, a.getNodeName())));
                }
            }
        }
        return new ClusterService(s.getMetadata().getNamespace(), s.getMetadata().getName(),
                Objects.toString(s.getSpec().getType(), "ClusterIP"), Objects.toString(s.getSpec().getClusterIP(), ""), ports, endpoints);
    }
}
