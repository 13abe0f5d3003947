package io.labbench.app.path;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LabStateFile;
import io.labbench.locallab.LabStatus;
import io.labbench.locallab.daemon.LabDaemonLauncher;
import io.labbench.packetpath.PacketPath;
import io.labbench.packetpath.PathResolver;
import io.labbench.packetpath.Place;
import io.labbench.packetpath.Places;
import io.labbench.packetpath.cluster.ClusterState;
import io.labbench.packetpath.kernel.MachineState;
import io.labbench.packetpath.live.CounterReading;
import io.labbench.packetpath.live.LiveKernel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;
import java.util.Set;

/**
 * Paths on the running local lab: finds it through its status file (as {@code labbench lab status} does),
 * reads the cluster from its Kubernetes API (one client for the source's life) and the machines with nsenter
 * ({@link LocalLabShell}). A trace reads every node's snapshot at once, one process per node, while the
 * Kubernetes objects are listed; only the kernel's route answers are asked one by one, as the walk needs them.
 */
public final class LocalLabPathSource implements PathSource, AutoCloseable {
    private final LabStatus status;
    private final Optional<LabSettings> settings;
    private final LocalLabShell shell;
    private final LabKube kube;
    private volatile TraceTimings lastTimings;

    public LocalLabPathSource(LabStatus status, long holderPid) {
        this(status, holderPid, Optional.empty());
    }

    /**
     * @param settings the lab's settings, which say where its AWS endpoint is: with them, a flow to a load balancer's
     *                 DNS name reads the lab's ELBv2 as the AWS source does; without, load balancers are not known
     */
    public LocalLabPathSource(LabStatus status, long holderPid, Optional<LabSettings> settings) {
        this.settings = settings;
        this.status = status;
        this.shell = new LocalLabShell(status, holderPid);
        this.kube = new LabKube(status.kubeconfig());
    }

    /** The running lab with these settings, or empty when none runs. */
    public static Optional<LocalLabPathSource> running(LabSettings settings) {
        LabStatus status = LabDaemonLauncher.status(settings);
        if (!status.running()) {
            return Optional.empty();
        }
        long holder = LabStateFile.readState(settings).filter(LabStateFile.State::rootless)
                .map(LabStateFile.State::holderPid).orElse(0L);
        return Optional.of(new LocalLabPathSource(status, holder, Optional.of(settings)));
    }

    public LocalLabShell shell() {
        return shell;
    }

    /** The lab this source reads (a new {@code lab up} is a new lab: callers compare to reuse a source). */
    public LabStatus status() {
        return status;
    }

    @Override
    public List<String> places() throws IOException {
        // names only: no node needs reading
        ClusterObjects.Listed listed = kube.list();
        ClusterState cluster = LocalLabCluster.of(status, Map.of(), listed);
        List<String> places = new ArrayList<>();
        cluster.pods().stream().filter(p -> !p.hostNetwork())
                .map(p -> "default".equals(p.namespace()) ? p.name() : p.namespace() + "/" + p.name()).forEach(places::add);
        cluster.nodes().forEach(n -> places.add(n.name()));
        cluster.services().forEach(s -> places.add("svc/" + ("default".equals(s.namespace()) ? "" : s.namespace() + "/") + s.name()));
        places.addAll(cluster.names().keySet().stream().sorted().toList());
        // the NLBs' DNS names, as LoadBalancer Services show them (EXTERNAL-IP), without asking ELBv2
        for (com.fasterxml.jackson.databind.JsonNode svc : listed.services()) {
            for (com.fasterxml.jackson.databind.JsonNode ingress : svc.path("status").path("loadBalancer").path("ingress")) {
                String host = ClusterObjects.text(ingress, "hostname");
                if (!host.isEmpty() && !places.contains(host)) {
                    places.add(host);
                }
            }
        }
        return places;
    }

    @Override
    public PacketPath resolve(String from, String to, String protocol, int port) throws IOException {
        long start = System.nanoTime();
        java.util.concurrent.atomic.AtomicInteger routeQuestions = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicLong routeNanos = new java.util.concurrent.atomic.AtomicLong();
        // the walk's route questions go through here, so a trace can say what they cost
        io.labbench.packetpath.live.MachineShell timed = (machine, command) -> {
            if (!command.startsWith("ip route get ")) {
                return shell.run(machine, command);
            }
            long s = System.nanoTime();
            try {
                return shell.run(machine, command);
            } finally {
                routeQuestions.incrementAndGet();
                routeNanos.addAndGet(System.nanoTime() - s);
            }
        };
        LiveKernel kernel = new LiveKernel(timed);
        CompletableFuture<ClusterObjects.Listed> objects = new CompletableFuture<>();
        long[] listed = new long[1];
        Thread lister = new Thread(() -> {
            try {
                objects.complete(kube.list());
                listed[0] = System.nanoTime();
            } catch (IOException | RuntimeException e) {
                objects.completeExceptionally(e);
            }
        }, "path-kube-list");
        lister.setDaemon(true);
        lister.start();
        Map<String, MachineState> nodes = kernel.prefetch(status.nodes().stream().map(LabStatus.Node::name).toList());
        long snapshots = System.nanoTime();
        ClusterObjects.Listed list;
        try {
            list = objects.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
        long walkStart = System.nanoTime();
        ClusterState cluster = withLoadBalancers(to, LocalLabCluster.of(status, nodes, list));
        Place a = place(from, cluster);
        Place b = place(to, cluster);
        PacketPath path = new PathResolver(cluster, kernel).resolve(Places.flow(a, b, protocol, port));
        long end = System.nanoTime();
        lastTimings = new TraceTimings(ms(listed[0] - start), ms(snapshots - start), ms(end - walkStart), routeQuestions.get(),
                ms(routeNanos.get()), ms(end - start));
        return path;
    }

    /**
     * The cluster with the lab's NLBs when {@code to} names none of the cluster's own places (a load balancer's DNS
     * name): ELBv2 is asked through the lab's AWS endpoint only then, as the AWS SDK's start-up would cost every
     * other trace seconds.
     */
    private ClusterState withLoadBalancers(String to, ClusterState cluster) throws IOException {
        if (settings.isEmpty() || Places.parse(to, cluster).place().isPresent()) {
            return cluster;
        }
        try (io.labbench.aws.AwsClientFactory clients = new io.labbench.app.aws.LocalLabAwsClients(settings.get())
                .apply(io.labbench.aws.AwsSettings.defaults());
             var elb = clients.elbv2()) {
            List<io.labbench.packetpath.cluster.LoadBalancer> lbs = new Elbv2LoadBalancers(elb).list();
            return new ClusterState(cluster.nodes(), cluster.pods(), cluster.services(), lbs, cluster.vpcCidr(), cluster.names());
        } catch (io.labbench.aws.AwsFailure | RuntimeException e) {
            throw new IOException("the lab's ELBv2 could not be read for '" + to + "': " + e.getMessage(), e);
        }
    }

    /** Where the last trace's time went. */
    public Optional<TraceTimings> lastTimings() {
        return Optional.ofNullable(lastTimings);
    }

    private static long ms(long nanos) {
        return Math.max(0, nanos / 1_000_000);
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
        // only the lab's nodes keep iptables counters a path names (not pods, the VPC or a load balancer's hops)
        Set<String> nodes = status.nodes().stream().map(LabStatus.Node::name).collect(java.util.stream.Collectors.toSet());
        return CounterReading.read(machines.stream().filter(nodes::contains).collect(java.util.stream.Collectors.toSet()), shell);
    }

    @Override
    public void close() {
        kube.close();
        shell.close();
    }
}
