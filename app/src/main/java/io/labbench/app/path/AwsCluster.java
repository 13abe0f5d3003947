package io.labbench.app.path;

import com.fasterxml.jackson.databind.JsonNode;
import io.labbench.packetpath.cluster.ClusterNode;
import io.labbench.packetpath.cluster.ClusterState;
import io.labbench.packetpath.cluster.LoadBalancer;
import io.labbench.packetpath.kernel.MachineState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kOps cluster on AWS as the path needs it. The machines are the workspace's SSH endpoints ({@code kops-ec2},
 * {@code master}, {@code worker1}, …) with the ENIs their own {@code ip addr} shows; each Kubernetes node is
 * matched to the endpoint that holds its InternalIP, so pods and endpoints are placed on the endpoint's name.
 * An instance-mode target (an instance id) gets the address of the node whose providerID names that instance.
 */
final class AwsCluster {
    private AwsCluster() {
    }

    static ClusterState of(Map<String, MachineState> machines, ClusterObjects.Listed kube, List<LoadBalancer> loadBalancers,
                           String vpcCidr) {
        Map<String, String> endpointByAddress = new HashMap<>();
        Map<String, List<ClusterNode.Eni>> enis = new LinkedHashMap<>();
        machines.forEach((name, st) -> {
            List<ClusterNode.Eni> own = LocalLabCluster.enis(st.interfaces());
            enis.put(name, own);
            own.forEach(e -> endpointByAddress.put(e.ip(), name));
        });
        Map<String, String> endpointByKubeName = new HashMap<>();
        Map<String, String> hostnameByEndpoint = new HashMap<>();
        Map<String, String> addressByInstance = new HashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (JsonNode n : kube.nodes()) {
            String kubeName = ClusterObjects.text(n, "metadata", "name");
            String internal = "";
            for (JsonNode a : n.path("status").path("addresses")) {
                if ("InternalIP".equals(ClusterObjects.text(a, "type"))) {
                    internal = ClusterObjects.text(a, "address");
                }
            }
            String endpoint = endpointByAddress.getOrDefault(internal, "");
            if (!endpoint.isEmpty()) {
                endpointByKubeName.put(kubeName, endpoint);
                hostnameByEndpoint.put(endpoint, kubeName);
            }
            if (!internal.isEmpty()) {
                names.put(kubeName, internal);
                // providerID: aws:///us-east-1a/i-0123456789abcdef0
                String provider = ClusterObjects.text(n, "spec", "providerID");
                addressByInstance.put(provider.substring(provider.lastIndexOf('/') + 1), internal);
            }
        }
        List<ClusterNode> nodes = new ArrayList<>();
        enis.forEach((name, own) -> nodes.add(new ClusterNode(name, hostnameByEndpoint.getOrDefault(name, ""), own)));
        java.util.function.UnaryOperator<String> nodeName = k -> endpointByKubeName.getOrDefault(k, k);
        List<LoadBalancer> lbs = loadBalancers.stream().map(lb -> withInstanceAddresses(lb, addressByInstance)).toList();
        return new ClusterState(nodes, LocalLabCluster.pods(kube, nodeName), LocalLabCluster.services(kube, nodeName), lbs,
                vpcCidr, names);
    }

    private static LoadBalancer withInstanceAddresses(LoadBalancer lb, Map<String, String> addressByInstance) {
        List<LoadBalancer.Listener> listeners = new ArrayList<>();
        for (LoadBalancer.Listener l : lb.listeners()) {
            LoadBalancer.TargetGroup tg = l.targetGroup();
            List<LoadBalancer.Target> targets = tg.targets().stream().map(t -> t.ip().isEmpty()
                    ? new LoadBalancer.Target(t.id(), addressByInstance.getOrDefault(t.id(), ""), t.port(), t.health()) : t).toList();
            listeners.add(new LoadBalancer.Listener(l.protocol(), l.port(), new LoadBalancer.TargetGroup(tg.name(), tg.targetType(),
                    tg.port(), targets)));
        }
        return new LoadBalancer(lb.name(), lb.dnsName(), lb.addresses(), listeners);
    }
}
