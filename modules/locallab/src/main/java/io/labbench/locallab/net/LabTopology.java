package io.labbench.locallab.net;

import io.labbench.cluster.vpccni.InstanceType;
import io.labbench.cluster.vpccni.InstanceTypeCatalog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The study's VPC as the lab builds it: VPC 172.30.0.0/16 with two AZ subnets, the internet
 * stand-in at 203.0.113.10 (documentation range), and the nodes at the study's addresses.
 */
public record LabTopology(String prefix, String clusterName, List<Subnet> subnets, List<LabNode> nodes) {

    /** The kOps state bucket's name, which the lab's S3 serves and kops-ec2's {@code KOPS_STATE_STORE} names. */
    public String kopsStateBucket() {
        return kopsStateBucket(prefix);
    }

    /** {@link #kopsStateBucket()} of the lab with this prefix. */
    public static String kopsStateBucket(String prefix) {
        return "labbench-" + prefix + "-kops-state";
    }

    public static final String VPC_CIDR = "172.30.0.0/16";
    /** The VPC resolver (AmazonProvidedDNS) at the VPC's base address + 2. */
    public static final String VPC_RESOLVER = "172.30.0.2";
    public static final String INET_ADDRESS = "203.0.113.10";
    public static final String INET_GATEWAY = "203.0.113.1";
    public static final int MTU = 9001;

    /**
     * The study's lab for these settings ({@code LabSettings.topology()} passes them).
     *
     * @param maxPods a node's pods allocatable for its instance type (ENI formula, or kubelet maxPods)
     */
    public static LabTopology of(String prefix, String clusterName, String controlPlaneType, String nodesType,
                                 java.util.function.ToIntFunction<InstanceType> maxPods) {
        Subnet a = new Subnet("us-east-1a", Ipv4.parse("172.30.32.0"), 19, "br-az-a");
        Subnet c = new Subnet("us-east-1c", Ipv4.parse("172.30.64.0"), 19, "br-az-c");
        InstanceTypeCatalog catalog = InstanceTypeCatalog.builtIn();
        InstanceType cp = catalog.require(controlPlaneType);
        InstanceType workers = catalog.require(nodesType);
        InstanceType bastion = catalog.require("t3.small");
        String p = prefix;
        List<LabNode> nodes = List.of(
                node(p, "kops-ec2", LabNode.Role.BASTION, "172.30.32.10", a, bastion, 0),
                node(p, "master", LabNode.Role.CONTROL_PLANE, "172.30.37.165", a, cp, maxPods.applyAsInt(cp)),
                node(p, "worker1", LabNode.Role.WORKER, "172.30.46.72", a, workers, maxPods.applyAsInt(workers)),
                node(p, "worker2", LabNode.Role.WORKER, "172.30.89.212", c, workers, maxPods.applyAsInt(workers)));
        return new LabTopology(p, clusterName, List.of(a, c), nodes);
    }

    private static LabNode node(String prefix, String name, LabNode.Role role, String ip, Subnet subnet,
                                InstanceType type, int maxPods) {
        String id = "i-0" + sha1Hex(prefix + "/" + name).substring(0, 16);
        return new LabNode(name, role, id, Ipv4.parse(ip), subnet, type, prefix + "-" + name, maxPods);
    }

    public String vpcNetns() {
        return prefix + "-vpc";
    }

    public String inetNetns() {
        return prefix + "-inet";
    }

    /** Every namespace of the lab's fixed part, router first. */
    public List<String> fixedNetns() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(vpcNetns(), inetNetns()),
                nodes.stream().map(LabNode::netns)).toList();
    }

    public List<LabNode> kubernetesNodes() {
        return nodes.stream().filter(LabNode::isKubernetesNode).toList();
    }

    public LabNode node(String name) {
        return findNode(name).orElseThrow(() -> new IllegalArgumentException("no node '" + name + "' in the lab; nodes are "
                + nodes.stream().map(n -> n.name() + " (" + n.instanceId() + ")").toList()));
    }

    /** By lab name ({@code worker1}), instance id or hostname. */
    public Optional<LabNode> findNode(String name) {
        return nodes.stream().filter(n -> n.name().equals(name) || n.instanceId().equals(name) || n.hostname().equals(name))
                .findFirst();
    }

    public LabNode bastion() {
        return node("kops-ec2");
    }

    static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }
}
