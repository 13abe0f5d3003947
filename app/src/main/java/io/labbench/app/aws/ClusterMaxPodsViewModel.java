package io.labbench.app.aws;

import io.labbench.aws.ec2.ClusterNode;
import io.labbench.aws.ec2.Ec2InstanceTypes;
import io.labbench.cluster.vpccni.InstanceType;
import io.labbench.cluster.vpccni.InstanceTypeCatalog;
import io.labbench.cluster.vpccni.MaxPodsCalculator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Max pods for the cluster's own nodes: their instance types looked up live with
 * DescribeInstanceTypes (one call for all types), then the same arithmetic as the calculator in both
 * modes, next to the number AWS publishes in {@code eni-max-pods.txt}.
 */
public final class ClusterMaxPodsViewModel {

    /** One discovered node with its limits and max pods in both modes. */
    public record NodeMaxPods(String node, String instanceType, String enis, int secondaryIp, int prefixDelegation, String published) {
    }

    private final ObservableList<NodeMaxPods> rows = FXCollections.observableArrayList();
    private final InstanceTypeCatalog offline = InstanceTypeCatalog.builtIn();
    private final FxWork work;
    private final Supplier<Ec2Client> ec2;

    public ClusterMaxPodsViewModel(FxWork work, Supplier<Ec2Client> ec2) {
        this.work = work;
        this.ec2 = ec2;
    }

    public ObservableList<NodeMaxPods> rows() {
        return rows;
    }

    public FxWork work() {
        return work;
    }

    /** Looks up the nodes' instance types (the bastion is left out: it runs no pods). */
    public void show(List<ClusterNode> nodes) {
        List<ClusterNode> podNodes = nodes.stream().filter(n -> n.role() != ClusterNode.Role.BASTION).toList();
        if (podNodes.isEmpty()) {
            rows.clear();
            return;
        }
        TreeSet<String> types = new TreeSet<>();
        podNodes.forEach(n -> types.add(n.instanceType()));
        work.submit(() -> Ec2InstanceTypes.describe(ec2.get(), types), limits -> rows.setAll(compute(podNodes, limits)));
    }

    private List<NodeMaxPods> compute(List<ClusterNode> nodes, Map<String, InstanceType> limits) {
        List<NodeMaxPods> result = new ArrayList<>();
        for (ClusterNode node : nodes) {
            InstanceType l = limits.get(node.instanceType());
            if (l == null) {
                l = offline.find(node.instanceType()).orElse(null);
            }
            OptionalInt published = offline.publishedMaxPods(node.instanceType());
            String publishedText = published.isPresent() ? String.valueOf(published.getAsInt()) : "—";
            if (l == null) {
                result.add(new NodeMaxPods(node.name(), node.instanceType(), "unknown", 0, 0, publishedText));
                continue;
            }
            result.add(new NodeMaxPods(node.name(), node.instanceType(), l.maxEnis() + " × " + l.ipv4PerEni(),
                    MaxPodsCalculator.compute(l, MaxPodsCalculator.Mode.SECONDARY_IP, OptionalInt.empty()).effective(),
                    MaxPodsCalculator.compute(l, MaxPodsCalculator.Mode.PREFIX_DELEGATION, OptionalInt.empty()).effective(),
                    publishedText));
        }
        return result;
    }
}
