package io.labbench.aws.ec2;

import io.labbench.aws.AwsFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Finds the cluster's instances (kOps tags them {@code KubernetesCluster=<name>}) and names them the
 * way the lab's terminals are named: {@code master}, {@code worker1}, {@code worker2} (workers ordered
 * by AZ then private IP, so worker1 is the one in the first AZ as in the study). The bastion
 * {@code kops-ec2} carries the Name tag {@code kops-ec2}.
 */
public final class ClusterNodeDiscovery {

    private final Ec2Client ec2;

    public ClusterNodeDiscovery(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    public List<ClusterNode> nodes(String clusterName) throws AwsFailure {
        List<ClusterNode> nodes = new ArrayList<>();
        for (Instance instance : running(Filter.builder().name("tag:KubernetesCluster").values(clusterName).build())) {
            nodes.add(toNode(instance, roleOf(instance)));
        }
        for (Instance instance : running(Filter.builder().name("tag:Name").values("kops-ec2").build())) {
            nodes.add(toNode(instance, ClusterNode.Role.BASTION));
        }
        nodes.sort(Comparator.comparing(ClusterNode::role).thenComparing(ClusterNode::availabilityZone)
                .thenComparing(n -> ipSortKey(n.privateIp())));
        return nodes;
    }

    /**
     * Maps nodes to the lab's terminal names: {@code kops-ec2}, {@code master}, {@code worker1}, {@code worker2}, …
     */
    public static Map<String, ClusterNode> byTerminalName(List<ClusterNode> nodes) {
        Map<String, ClusterNode> named = new LinkedHashMap<>();
        int worker = 0;
        for (ClusterNode node : nodes) {
            switch (node.role()) {
                case BASTION -> named.putIfAbsent("kops-ec2", node);
                case CONTROL_PLANE -> named.putIfAbsent("master", node);
                case WORKER -> named.put("worker" + (++worker), node);
            }
        }
        return named;
    }

    private List<Instance> running(Filter filter) throws AwsFailure {
        List<Instance> instances = new ArrayList<>();
        AwsFailure.call(() -> {
            for (Reservation reservation : ec2.describeInstancesPaginator(b -> b.filters(filter,
                    Filter.builder().name("instance-state-name").values("pending", "running").build())).reservations()) {
                instances.addAll(reservation.instances());
            }
            return null;
        });
        return instances;
    }

    private static ClusterNode.Role roleOf(Instance instance) {
        boolean controlPlane = instance.tags().stream().anyMatch(t ->
                t.key().startsWith("k8s.io/role/master") || t.key().startsWith("k8s.io/role/control-plane")
                        || (t.key().equals("Name") && t.value().contains(".masters.")));
        return controlPlane ? ClusterNode.Role.CONTROL_PLANE : ClusterNode.Role.WORKER;
    }

    private static ClusterNode toNode(Instance i, ClusterNode.Role role) {
        String name = i.tags().stream().filter(t -> t.key().equals("Name")).map(Tag::value).findFirst().orElse(i.instanceId());
        return new ClusterNode(i.instanceId(), name, role,
                i.placement() == null ? "" : String.valueOf(i.placement().availabilityZone()),
                String.valueOf(i.privateIpAddress()), Optional.ofNullable(i.publicIpAddress()),
                i.instanceTypeAsString(), i.state() == null ? "" : i.state().nameAsString());
    }

    private static long ipSortKey(String ip) {
        long key = 0;
        for (String part : ip.split("\\.")) {
            try {
                key = key * 256 + Integer.parseInt(part);
            } catch (NumberFormatException e) {
                return Long.MAX_VALUE;
            }
        }
        return key;
    }
}
