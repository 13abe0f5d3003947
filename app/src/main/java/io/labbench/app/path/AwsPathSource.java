package io.labbench.app.path;

import io.labbench.aws.AwsClientFactory;
import io.labbench.aws.AwsFailure;
import io.labbench.kube.KubeconfigSource;
import io.labbench.packetpath.PacketPath;
import io.labbench.packetpath.PathResolver;
import io.labbench.packetpath.Place;
import io.labbench.packetpath.Places;
import io.labbench.packetpath.cluster.ClusterState;
import io.labbench.packetpath.cluster.LoadBalancer;
import io.labbench.packetpath.kernel.MachineState;
import io.labbench.packetpath.live.CounterReading;
import io.labbench.packetpath.live.LiveKernel;
import io.labbench.packetpath.netfilter.Ipv4Cidr;
import io.labbench.sessions.CommandRunnerProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Paths on the AWS backend: the same snapshots as on the local lab — one command per node, all nodes at once —
 * taken over the app's SSH sessions ({@link NodeSshShell}); the Kubernetes objects through the cluster's
 * kubeconfig ({@link KubeconfigClusterObjects}); the NLBs through ELBv2 and the VPC's CIDR through EC2 with the
 * workspace's AWS clients. What AWS does not show — the VPC router, the NLB's internals — comes back as hops
 * marked not observable, with the reason; an AWS call that fails becomes a note, not a failed trace.
 */
public final class AwsPathSource implements PathSource, AutoCloseable {
    /** Reads the cluster's kubeconfig when first needed (from kops-ec2 over SFTP in the app: a round trip). */
    @FunctionalInterface
    public interface KubeconfigLoader {
        KubeconfigSource load() throws IOException;
    }

    private final NodeSshShell shell;
    private final Supplier<List<String>> machines;
    private final ClusterObjects kube;
    private final AwsClientFactory aws;

    /**
     * @param runners    the workspace's SSH sessions
     * @param machines   the endpoints to read: the bastion and the nodes ({@code kops-ec2}, {@code master}, …)
     * @param kubeconfig where the cluster's kubeconfig comes from (kops-ec2's {@code ~/.kube/config} in the app)
     * @param aws        the workspace's AWS clients (ELBv2, EC2)
     */
    public AwsPathSource(CommandRunnerProvider runners, Supplier<List<String>> machines, KubeconfigLoader kubeconfig,
                         AwsClientFactory aws) {
        this.shell = new NodeSshShell(runners);
        this.machines = machines;
        this.kube = new KubeconfigClusterObjects(kubeconfig);
        this.aws = aws;
    }

    /** The kubeconfig read once from a file (tests, or a learner's own copy). */
    public static KubeconfigLoader kubeconfigFile(java.nio.file.Path file) {
        return () -> KubeconfigSource.fromFile(file);
    }

    /** What one read of the cluster gave: the machines' snapshots, the cluster built from them, and what failed. */
    private record Read(LiveKernel kernel, ClusterState cluster, List<String> notes) {
    }

    private Read read() throws IOException {
        LiveKernel kernel = new LiveKernel(shell);
        CompletableFuture<ClusterObjects.Listed> objects = async(kube::list, "path-kube-list");
        CompletableFuture<AwsSide> awsSide = async(this::awsSide, "path-aws");
        Map<String, MachineState> snapshots = kernel.prefetch(machines.get());
        ClusterObjects.Listed listed = join(objects);
        AwsSide side = join(awsSide);
        List<String> notes = new ArrayList<>(side.notes());
        kernel.problems().forEach(notes::add);
        String cidr = side.vpcCidr().isEmpty() ? vpcCidrOf(snapshots, side) : side.vpcCidr();
        return new Read(kernel, AwsCluster.of(snapshots, listed, side.loadBalancers(), cidr), notes);
    }

    /** ELBv2's load balancers and EC2's VPC CIDR; a failed call becomes a note. */
    private record AwsSide(List<LoadBalancer> loadBalancers, String vpcCidr, List<String> notes) {
    }

    private AwsSide awsSide() {
        List<String> notes = new ArrayList<>();
        List<LoadBalancer> lbs = List.of();
        try {
            lbs = new Elbv2LoadBalancers(aws.elbv2()).list();
        } catch (AwsFailure | RuntimeException e) {
            notes.add("ELBv2 could not be read (" + e.getMessage() + "): load balancers are not on the path; 'aws elbv2"
                    + " describe-load-balancers' on kops-ec2 shows the same problem");
        }
        shell.loadBalancers(lbs.stream().map(LoadBalancer::name).collect(Collectors.toSet()));
        return new AwsSide(lbs, "", notes);
    }

    /** The VPC of the first node's primary address, as EC2 describes it; empty (with a note) when EC2 cannot say. */
    private String vpcCidrOf(Map<String, MachineState> snapshots, AwsSide side) {
        String ip = snapshots.values().stream().flatMap(st -> LocalLabCluster.enis(st.interfaces()).stream()).map(e -> e.ip())
                .findFirst().orElse("");
        if (ip.isEmpty()) {
            return "";
        }
        try (Ec2Client ec2 = aws.ec2()) {
            String vpc = AwsFailure.call(() -> ec2.describeInstances(b -> b.filters(f -> f.name("private-ip-address").values(ip))))
                    .reservations().stream().flatMap(r -> r.instances().stream()).map(i -> i.vpcId()).findFirst().orElse("");
            if (vpc.isEmpty()) {
                return "";
            }
            return AwsFailure.call(() -> ec2.describeVpcs(b -> b.vpcIds(vpc))).vpcs().stream().map(v -> v.cidrBlock())
                    .findFirst().orElse("");
        } catch (AwsFailure | RuntimeException e) {
            side.notes().add("EC2 could not say which VPC " + ip + " is in (" + e.getMessage() + "): addresses are not told"
                    + " apart as inside or outside the VPC");
            return "";
        }
    }

    @Override
    public List<String> places() throws IOException {
        Read r = read();
        ClusterState cluster = r.cluster();
        List<String> places = new ArrayList<>();
        cluster.pods().stream().filter(p -> !p.hostNetwork())
                .map(p -> "default".equals(p.namespace()) ? p.name() : p.namespace() + "/" + p.name()).forEach(places::add);
        cluster.nodes().forEach(n -> places.add(n.name()));
        cluster.services().forEach(s -> places.add("svc/" + ("default".equals(s.namespace()) ? "" : s.namespace() + "/") + s.name()));
        cluster.loadBalancers().forEach(lb -> places.add(lb.dnsName()));
        return places;
    }

    @Override
    public PacketPath resolve(String from, String to, String protocol, int port) throws IOException {
        Read r = read();
        ClusterState cluster = withAddressesOf(to, r.cluster());
        Place a = place(from, cluster);
        Place b = place(to, cluster);
        PacketPath path = new PathResolver(cluster, r.kernel()).resolve(Places.flow(a, b, protocol, port));
        if (r.notes().isEmpty()) {
            return path;
        }
        List<String> notes = new ArrayList<>(r.notes());
        notes.addAll(path.notes());
        return new PacketPath(path.flow(), path.hops(), path.outcome(), notes);
    }

    /**
     * An internet-facing NLB without Elastic IPs lists no addresses in ELBv2: its DNS name is resolved on kops-ec2
     * (the learner's {@code dig $NLB}), so the path meets it where kops-ec2's packets go.
     */
    private ClusterState withAddressesOf(String to, ClusterState cluster) {
        List<LoadBalancer> lbs = new ArrayList<>();
        boolean changed = false;
        for (LoadBalancer lb : cluster.loadBalancers()) {
            if (lb.addresses().isEmpty() && lb.dnsName().equalsIgnoreCase(to.strip())) {
                List<String> resolved = resolveOnBastion(lb.dnsName());
                lbs.add(new LoadBalancer(lb.name(), lb.dnsName(), resolved, lb.listeners()));
                changed = true;
            } else {
                lbs.add(lb);
            }
        }
        return changed ? new ClusterState(cluster.nodes(), cluster.pods(), cluster.services(), lbs, cluster.vpcCidr(), cluster.names())
                : cluster;
    }

    private List<String> resolveOnBastion(String name) {
        try {
            String out = shell.run(NodeSshShell.BASTION, "getent ahostsv4 " + NodeSshShell.quote(name)).stdout();
            return out.lines().map(l -> l.split("\\s+")[0]).filter(ip -> Ipv4Cidr.address(ip).isPresent()).distinct().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Place place(String text, ClusterState cluster) throws PathInputException {
        Places.Lookup l = Places.parse(text, cluster);
        if (l.place().isEmpty()) {
            throw new PathInputException(l.problem());
        }
        return l.place().get();
    }

    @Override
    public CounterReading counters(Set<String> machines) throws IOException {
        // only the workspace's machines keep iptables counters a path names (not pods, the VPC or an NLB's hops)
        Set<String> readable = Set.copyOf(this.machines.get());
        return CounterReading.read(machines.stream().filter(readable::contains).collect(Collectors.toSet()), shell);
    }

    @Override
    public void close() {
        kube.close();
    }

    private static <T> CompletableFuture<T> async(java.util.concurrent.Callable<T> work, String name) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(work.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static <T> T join(CompletableFuture<T> f) throws IOException {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}
