package io.labbench.packetpath.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything about the cluster a path needs beyond the machines' own state. {@code vpcCidr} tells what the
 * VPC routes itself; {@code names} maps the DNS names the lab knows ({@code api.CLUSTER}, the internet
 * stand-in's name) to addresses; {@code outside} names addresses that stand for the internet.
 */
public record ClusterState(List<ClusterNode> nodes, List<ClusterPod> pods, List<ClusterService> services,
                           List<LoadBalancer> loadBalancers, String vpcCidr, Map<String, String> names) {
    public ClusterState {
        nodes = List.copyOf(nodes);
        pods = List.copyOf(pods);
        services = List.copyOf(services);
        loadBalancers = List.copyOf(loadBalancers);
        names = Map.copyOf(names);
    }

    public Optional<ClusterNode> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name) || n.hostname().equals(name)).findFirst();
    }

    /** The node owning {@code ip} as an ENI address (primary or secondary ENI's own address). */
    public Optional<ClusterNode> nodeWithAddress(String ip) {
        return nodes.stream().filter(n -> n.addresses().contains(ip)).findFirst();
    }

    /** The pod with {@code ip} that has its own network (host-network pods share the node's address). */
    public Optional<ClusterPod> podWithAddress(String ip) {
        return pods.stream().filter(p -> !p.hostNetwork() && p.ip().equals(ip)).findFirst();
    }

    public Optional<ClusterPod> podWithHostVeth(String node, String veth) {
        return pods.stream().filter(p -> !p.hostNetwork() && p.node().equals(node) && p.hostVeth().equals(veth)).findFirst();
    }

    public Optional<ClusterService> serviceWithClusterIp(String ip) {
        return services.stream().filter(s -> s.clusterIp().equals(ip)).findFirst();
    }
}
