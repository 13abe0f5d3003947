package io.labbench.locallab.aws;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.net.LabNode;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.net.Subnet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kOps objects of the lab's cluster as {@code kops get -o yaml} prints them: the Cluster and one
 * InstanceGroup per node group ({@code master-us-east-1a}, {@code nodes-us-east-1a},
 * {@code nodes-us-east-1c}), rendered from the settings the lab runs with. Field order and the
 * values the study shows follow kOps 1.24's output.
 */
final class KopsSpecs {

    static final String API_VERSION = "kops.k8s.io/v1alpha2";
    static final String KUBERNETES_VERSION = "1.24.11";
    private static final String IMAGE = "099720109477/ubuntu/images/hvm-ssd/ubuntu-focal-20.04-amd64-server-20221206";

    private KopsSpecs() {
    }

    /** Instance group name → the lab node it runs, in {@code kops get ig} order. */
    static Map<String, LabNode> instanceGroups(LabTopology topology) {
        Map<String, LabNode> groups = new LinkedHashMap<>();
        for (LabNode node : topology.kubernetesNodes()) {
            groups.put(groupName(node), node);
        }
        return groups;
    }

    static String groupName(LabNode node) {
        return (node.role() == LabNode.Role.CONTROL_PLANE ? "master-" : "nodes-") + node.subnet().zone();
    }

    static String cluster(LabSettings s, LabTopology topology, String stateStore, Instant created) {
        StringBuilder y = new StringBuilder();
        y.append("apiVersion: ").append(API_VERSION).append('\n')
                .append("kind: Cluster\n")
                .append("metadata:\n")
                .append("  creationTimestamp: \"").append(created.truncatedTo(ChronoUnit.SECONDS)).append("\"\n")
                .append("  name: ").append(s.clusterName()).append('\n')
                .append("spec:\n")
                .append("  api:\n    dns: {}\n")
                .append("  authorization:\n    rbac: {}\n")
                .append("  channel: stable\n")
                .append("  cloudProvider: aws\n")
                .append("  configBase: ").append(stateStore).append('/').append(s.clusterName()).append('\n')
                .append("  iam:\n    allowContainerRegistry: true\n    legacy: false\n")
                .append("  kubeProxy:\n    metricsBindAddress: 0.0.0.0\n")
                .append("  kubelet:\n    anonymousAuth: false\n");
        if (s.kubeletMaxPods() > 0) {
            y.append("    maxPods: ").append(s.kubeletMaxPods()).append('\n');
        }
        y.append("  kubernetesApiAccess:\n  - 0.0.0.0/0\n  - ::/0\n")
                .append("  kubernetesVersion: ").append(KUBERNETES_VERSION).append('\n')
                .append("  masterPublicName: api.").append(s.clusterName()).append('\n')
                .append("  networkCIDR: ").append(LabTopology.VPC_CIDR).append('\n')
                .append("  networking:\n    amazonvpc:\n");
        if (s.prefixDelegation()) {
            y.append("      env:\n      - name: ENABLE_PREFIX_DELEGATION\n        value: \"true\"\n");
        } else {
            y.append("      {}\n");
        }
        y.append("  nonMasqueradeCIDR: ").append(LabTopology.VPC_CIDR).append('\n')
                .append("  sshAccess:\n  - 0.0.0.0/0\n  - ::/0\n")
                .append("  subnets:\n");
        for (Subnet subnet : topology.subnets()) {
            y.append("  - cidr: ").append(subnet.cidr()).append('\n')
                    .append("    name: ").append(subnet.zone()).append('\n')
                    .append("    type: Public\n")
                    .append("    zone: ").append(subnet.zone()).append('\n');
        }
        y.append("  topology:\n    dns:\n      type: Public\n    masters: public\n    nodes: public\n");
        return y.toString();
    }

    static String instanceGroup(LabSettings s, LabNode node, Instant created) {
        boolean master = node.role() == LabNode.Role.CONTROL_PLANE;
        StringBuilder y = new StringBuilder();
        y.append("apiVersion: ").append(API_VERSION).append('\n')
                .append("kind: InstanceGroup\n")
                .append("metadata:\n")
                .append("  creationTimestamp: \"").append(created.truncatedTo(ChronoUnit.SECONDS)).append("\"\n")
                .append("  labels:\n    kops.k8s.io/cluster: ").append(s.clusterName()).append('\n')
                .append("  name: ").append(groupName(node)).append('\n')
                .append("spec:\n")
                .append("  image: ").append(IMAGE).append('\n')
                .append("  instanceMetadata:\n    httpPutResponseHopLimit: ").append(master ? 3 : 1).append("\n    httpTokens: required\n")
                .append("  machineType: ").append(node.instanceType().name()).append('\n')
                .append("  maxSize: 1\n  minSize: 1\n")
                .append("  role: ").append(master ? "Master" : "Node").append('\n')
                .append("  subnets:\n  - ").append(node.subnet().zone()).append('\n');
        return y.toString();
    }

    /** {@code kops get ig -o yaml}: the documents one after another, as kOps separates them. */
    static String joined(List<String> documents) {
        return String.join("\n---\n\n", documents);
    }
}
