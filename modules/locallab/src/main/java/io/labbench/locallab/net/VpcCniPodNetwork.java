package io.labbench.locallab.net;

import io.labbench.locallab.host.SystemTools;
import io.labbench.locallab.spi.NodeInfo;
import io.labbench.locallab.spi.PodNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The VPC CNI and the container runtime of the lab's nodes: gives pods addresses from their node's
 * ENIs, a namespace, an {@code eni…} veth, the host route, {@code ip rule}s 512/1536 and the
 * proxy-ARP entry that stands in for the VPC fabric. Any pods may be wired at the same time; a node
 * hands out its addresses (and attaches ENIs) one at a time, as ipamd does.
 */
public final class VpcCniPodNetwork implements PodNetwork {

    private static final String POD_GATEWAY = "169.254.1.1";

    private final LabTopology topology;
    private final KernelAccess kernel;
    private final Map<String, NodeIpam> ipamByNode = new LinkedHashMap<>();
    private final Map<String, PodAttachment> pods = new ConcurrentHashMap<>();
    private final Map<String, PodSandbox> sandboxes = new ConcurrentHashMap<>();
    private final Path podsDir;
    private final Map<String, SubnetAddressPool> poolsByZone = new LinkedHashMap<>();

    /** @param podsDir where each pod's {@code /etc} files go (one folder per pod, removed on detach) */
    public VpcCniPodNetwork(LabTopology topology, KernelAccess kernel, boolean prefixDelegation, Path podsDir) {
        this.topology = topology;
        this.kernel = kernel;
        this.podsDir = podsDir;
        Map<Subnet, SubnetAddressPool> pools = new LinkedHashMap<>();
        long seed = LabTopology.sha1Hex(topology.prefix()).hashCode();
        for (Subnet subnet : topology.subnets()) {
            SubnetAddressPool pool = new SubnetAddressPool(subnet, seed + subnet.hashCode());
            topology.nodes().stream().filter(n -> n.subnet().equals(subnet)).forEach(n -> pool.reserve(n.ip()));
            pools.put(subnet, pool);
            poolsByZone.put(subnet.zone(), pool);
        }
        for (LabNode node : topology.kubernetesNodes()) {
            ipamByNode.put(node.name(), new NodeIpam(node, prefixDelegation, pools.get(node.subnet())));
        }
    }

    @Override
    public List<NodeInfo> nodes() {
        return topology.kubernetesNodes().stream().map(LabNode::toNodeInfo).toList();
    }

    /**
     * A free address of an AZ's subnet, taken out of the pool pods and ENIs draw from (as EC2 gives a
     * load balancer's network interface one): the NLB's node in that zone.
     */
    public Ipv4 takeSubnetAddress(String zone) {
        SubnetAddressPool pool = poolsByZone.get(zone);
        if (pool == null) {
            throw new IllegalArgumentException("the lab has no subnet in " + zone + "; zones: " + poolsByZone.keySet());
        }
        return pool.takeAddress();
    }

    /** Gives back an address from {@link #takeSubnetAddress}. */
    public void releaseSubnetAddress(String zone, Ipv4 address) {
        SubnetAddressPool pool = poolsByZone.get(zone);
        if (pool != null) {
            pool.release(address);
        }
    }

    public LabTopology topology() {
        return topology;
    }

    public Optional<PodAttachment> pod(String namespace, String podName) {
        return Optional.ofNullable(pods.get(key(namespace, podName)));
    }

    public Collection<PodAttachment> pods() {
        return List.copyOf(pods.values());
    }

    /** The node's pods, free addresses and ENIs as ipamd sees them now. */
    public NodeUsage usage(String nodeName) {
        return ipam(nodeName).usage();
    }

    /** The ENI devices a node has now ({@code ens5}, {@code ens6}, …). */
    public List<String> eniDevices(String nodeName) {
        return ipam(nodeName).enis().stream().map(NodeIpam.Eni::device).toList();
    }

    /** The node's ENIs with their secondary IPs and /28 prefixes as ipamd holds them now. */
    public List<EniState> enis(String nodeName) {
        return ipam(nodeName).eniStates();
    }

    /**
     * Wires a pod. Only the address (and, when the node needs one, a new ENI) is taken under the node's
     * lock, as ipamd hands out addresses one at a time; the pod's own veth, routes and {@code /pause} are
     * set up outside it, so one node's pods come up side by side.
     */
    @Override
    public String attach(String namespace, String podName, String nodeName, boolean hostNetwork) throws IOException {
        NodeIpam ipam = ipam(nodeName);
        LabNode node = ipam.node();
        String key = key(namespace, podName);
        PodAttachment pod;
        NodeIpam.Allocation allocation;
        synchronized (ipam) {
            PodAttachment existing = pods.get(key);
            if (existing != null) {
                if (!existing.node().equals(node.name())) {
                    throw new IOException("pod " + key + " is already wired on " + existing.node() + ", not " + node.name());
                }
                return existing.ip();
            }
            if (hostNetwork) {
                ipam.addHostNetworkPod(key);
                pods.put(key, new PodAttachment(namespace, podName, node.name(), node.ip().toString(), node.netns(), "", "ens5", true));
                return node.ip().toString();
            }
            allocation = ipam.allocate(key);
            pod = new PodAttachment(namespace, podName, node.name(), allocation.ip().toString(),
                    podNetns(namespace, podName), hostVethName(namespace, podName), EniWiring.device(allocation.deviceIndex()), false);
            try {
                // a new ENI is wired before the lock goes: the next pod may get an address on it
                wireEnis(node, allocation);
            } catch (IOException | RuntimeException e) {
                ipam.release(key);
                throw e;
            }
        }
        try {
            PodEtcFiles etc = PodEtcFiles.write(podDir(namespace, podName), namespace, hostname(podName), pod.ip(),
                    podsDir.resolveSibling("etc").resolve("ca-certificates.crt"), labState());
            sandboxes.put(key, PodSandbox.start(kernel, podWiring(node, pod, allocation), pod.netns(), hostname(podName), etc,
                    holderProgram()));
        } catch (IOException | RuntimeException e) {
            stopSandbox(key);
            unwire(node, pod, allocation.deviceIndex());
            synchronized (ipam) {
                ipam.release(key);
            }
            throw e;
        }
        pods.put(key, pod);
        return pod.ip();
    }

    /**
     * The folder holding every lab's files (the pods' folders, the kubeconfig, the pods' zsh settings),
     * which a pod's own {@code /root} keeps reachable ({@link PodHome}).
     */
    private Path labState() {
        Path lab = podsDir.toAbsolutePath().getParent();
        return lab.getParent() == null ? lab : lab.getParent();
    }

    private volatile String holderProgram;

    /** What each pod's {@code /pause} runs: {@link PauseProgram} in the lab's folder where it runs, else {@code cat}. */
    private String holderProgram() {
        String program = holderProgram;
        if (program == null) {
            synchronized (this) {
                if (holderProgram == null) {
                    holderProgram = PauseProgram.install(podsDir.resolveSibling("sandbox")).map(Path::toString).orElse("cat");
                }
                program = holderProgram;
            }
        }
        return program;
    }

    /** Unwires a pod; its address goes back to the node only once nothing of the pod is left in the kernel. */
    @Override
    public void detach(String namespace, String podName) throws IOException {
        String key = key(namespace, podName);
        PodAttachment pod = pods.remove(key);
        if (pod == null) {
            return;
        }
        NodeIpam ipam = ipam(pod.node());
        try {
            stopSandbox(key);
            deleteTree(podDir(namespace, podName));
            if (!pod.hostNetwork()) {
                unwire(ipam.node(), pod, ipam.allocation(key).map(NodeIpam.Allocation::deviceIndex).orElse(0));
            }
        } finally {
            synchronized (ipam) {
                ipam.release(key);
            }
        }
    }

    @Override
    public List<String> execArgv(String namespace, String podName, List<String> command) {
        PodAttachment pod = pods.get(key(namespace, podName));
        if (pod == null) {
            throw new IllegalArgumentException("pod " + key(namespace, podName) + " has no network in the local lab (not scheduled yet?)");
        }
        PodSandbox sandbox = sandboxes.get(key(namespace, podName));
        List<String> argv;
        if (pod.hostNetwork() || sandbox == null) {
            String hostname = pod.hostNetwork() ? topology.node(pod.node()).hostname() : hostname(podName);
            argv = new ArrayList<>(List.of(SystemTools.ofThisMachine().resolve("nsenter"), "--net=" + kernel.netnsPath(pod.netns()), "--",
                    // a UTS namespace per exec so `hostname` answers the node's name, as on the node
                    "unshare", "--uts", "--", "sh", "-c", "hostname \"$0\" && exec \"$@\"", hostname));
        } else {
            // the pod's own network, UTS and mount namespaces, held by its /pause process
            argv = new ArrayList<>(inSandbox(sandbox));
        }
        argv.addAll(command);
        return kernel.command(argv);
    }

    /** {@code nsenter} into a pod's network, UTS and mount namespaces (before {@link KernelAccess#command}). */
    public static List<String> inSandbox(PodSandbox sandbox) {
        return List.of(SystemTools.ofThisMachine().resolve("nsenter"), "-t", Long.toString(sandbox.pid()), "-n", "-u", "-m", "--");
    }

    /** The folder of the pod's {@code /etc} files (and, for the container runtime, its logs). */
    public Path podDir(String namespace, String podName) {
        return podsDir.resolve(namespace + "_" + podName);
    }

    public KernelAccess kernel() {
        return kernel;
    }

    private static String hostname(String podName) {
        return truncate(podName, 63);
    }

    /** The process holding the pod's network namespace (what {@code lsns -t net} shows for it). */
    public Optional<PodSandbox> sandbox(String namespace, String podName) {
        return Optional.ofNullable(sandboxes.get(key(namespace, podName)));
    }

    /**
     * Kills every pod's holder process at once (the lab's teardown, which then deletes the namespaces
     * without detaching pod by pod). The pods stay listed; this network is not used afterwards.
     */
    public void stopAllSandboxes() {
        List<PodSandbox> all = List.copyOf(sandboxes.values());
        sandboxes.clear();
        all.forEach(PodSandbox::kill);
        all.forEach(PodSandbox::stop);
    }

    private void stopSandbox(String key) {
        PodSandbox sandbox = sandboxes.remove(key);
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    /** Same scheme as the VPC CNI: {@code eni} + the first 11 hex of sha1("namespace.pod"). */
    public static String hostVethName(String namespace, String podName) {
        return "eni" + LabTopology.sha1Hex(namespace + "." + podName).substring(0, 11);
    }

    /** Looks like containerd's {@code cni-<uuid>}, with the lab's prefix in front. */
    public String podNetns(String namespace, String podName) {
        return podNetns(topology.prefix(), namespace, podName);
    }

    /** {@link #podNetns(String, String)} for a lab with {@code prefix}, for tools outside the lab's process. */
    public static String podNetns(String prefix, String namespace, String podName) {
        String h = LabTopology.sha1Hex(prefix + "/" + namespace + "/" + podName);
        return prefix + "-cni-" + h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                + h.substring(16, 20) + "-" + h.substring(20, 32);
    }

    /** The ENIs this allocation attached to the node: their links, VPC bridge ports and addresses. */
    private void wireEnis(LabNode node, NodeIpam.Allocation allocation) throws IOException {
        if (allocation.attachedEnis().isEmpty()) {
            return;
        }
        IpBatch top = IpBatch.top();
        IpBatch vpc = IpBatch.in(topology.vpcNetns());
        IpBatch inNode = IpBatch.in(node.netns());
        for (NodeIpam.Eni eni : allocation.attachedEnis()) {
            EniWiring.addLink(top, topology.prefix(), node, eni.deviceIndex, topology.vpcNetns());
            EniWiring.plugIntoBridge(vpc, node, eni.deviceIndex);
            EniWiring.configureSecondary(inNode, node, eni.deviceIndex, eni.primaryIp);
        }
        top.run(kernel);
        IpBatch.runAll(List.of(vpc, inNode), kernel);
        List<String> sysctl = new ArrayList<>(List.of("sysctl", "-qw"));
        // proxy ARP answers at once instead of after up to 0.8 s; a netns has no neigh.default to inherit from
        allocation.attachedEnis().forEach(eni -> sysctl.add("net.ipv4.neigh." + eni.device() + ".proxy_delay=0"));
        ProcessRunner.run(kernel.inNetns(node.netns(), sysctl), "");
    }

    /** The pod's own wiring, in order: its namespace and veth, the node's side, the pod's side. */
    private List<IpBatch> podWiring(LabNode node, PodAttachment pod, NodeIpam.Allocation allocation) {
        String mac = vethMac(pod.hostVeth());
        IpBatch top = IpBatch.top().add("netns add " + pod.netns())
                .add("link add " + pod.hostVeth() + " netns " + node.netns() + " address " + mac + " mtu " + LabTopology.MTU
                        + " type veth peer name eth0 netns " + pod.netns() + " mtu " + LabTopology.MTU);
        IpBatch inNode = IpBatch.in(node.netns())
                .add("link set " + pod.hostVeth() + " up")
                .add("route add " + pod.ip() + " dev " + pod.hostVeth() + " scope link")
                .add("rule add from all to " + pod.ip() + " lookup main pref 512");
        if (allocation.deviceIndex() > 0) {
            inNode.add("rule add from " + pod.ip() + " lookup " + EniWiring.routeTable(allocation.deviceIndex()) + " pref 1536");
        }
        // the VPC fabric stand-in: the ENI that owns the address answers ARP for it
        inNode.add("neigh add proxy " + pod.ip() + " dev " + pod.eniDevice());
        IpBatch inPod = IpBatch.in(pod.netns()).add("link set lo up").add("link set eth0 up")
                .add("addr add " + pod.ip() + "/32 dev eth0")
                .add("route add " + POD_GATEWAY + " dev eth0 scope link")
                .add("route add default via " + POD_GATEWAY + " dev eth0")
                .add("neigh add " + POD_GATEWAY + " dev eth0 lladdr " + mac + " nud permanent");
        return List.of(top, inNode, inPod);
    }

    /** Undoes {@link #podWiring} (whatever of it is there) in one process. */
    private void unwire(LabNode node, PodAttachment pod, int deviceIndex) throws IOException {
        IpBatch inNode = IpBatch.in(node.netns()).force()
                .add("link del " + pod.hostVeth())
                .add("rule del from all to " + pod.ip() + " lookup main pref 512");
        if (deviceIndex > 0) {
            inNode.add("rule del from " + pod.ip() + " lookup " + EniWiring.routeTable(deviceIndex) + " pref 1536");
        }
        inNode.add("neigh del proxy " + pod.ip() + " dev " + pod.eniDevice());
        IpBatch.runInOneProcess(List.of(inNode, IpBatch.top().force().add("netns del " + pod.netns())), kernel);
    }

    private NodeIpam ipam(String nodeName) {
        LabNode node = topology.findNode(nodeName).filter(LabNode::isKubernetesNode).orElseThrow(() -> new IllegalArgumentException(
                "no Kubernetes node '" + nodeName + "' in the lab; nodes are " + nodes().stream().map(NodeInfo::name).toList()));
        return ipamByNode.get(node.name());
    }

    private static String vethMac(String veth) {
        return Macs.of(veth);
    }

    private static void deleteTree(Path dir) {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // the lab's down removes the whole lab folder anyway
        }
    }

    private static String key(String namespace, String podName) {
        return namespace + "/" + podName;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
