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
    private final LocalLabShell shell;
    private final LabKube kube;

    public LocalLabPathSource(LabStatus status, long holderPid) {
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
        return Optional.of(new LocalLabPathSource(status, holder));
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
        ClusterState cluster = LocalLabCluster.of(status, Map.of(), kube.list());
        List<String> places = new ArrayList<>();
        cluster.pods().stream().filter(p -> !p.hostNetwork())
                .map(p -> "default".equals(p.namespace()) ? p.name() : p.namespace() + "/" + p.name()).forEach(places::add);
        cluster.nodes().forEach(n -> places.add(n.name()));
        cluster.services().forEach(s -> places.add("svc/" + ("default".equals(s.namespace()) ? "" : s.namespace() + "/") + s.name()));
        places.addAll(cluster.names().keySet().stream().sorted().toList());
        return places;
    }

    @Override
    public PacketPath resolve(String from, String to, String protocol, int port) throws IOException {
        LiveKernel kernel = new LiveKernel(shell);
        CompletableFuture<LabKube.Listed> objects = new CompletableFuture<>();
        Thread lister = new Thread(() -> {
            try {
                objects.complete(kube.list());
            } catch (IOException | RuntimeException e) {
                objects.completeExceptionally(e);
            }
        }, "path-kube-list");
        lister.setDaemon(true);
        lister.start();
        Map<String, MachineState> nodes = kernel.prefetch(status.nodes().stream().map(LabStatus.Node::name).toList());
        LabKube.Listed listed;
        try {
            listed = objects.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
        ClusterState cluster = LocalLabCluster.of(status, nodes, listed);
        Place a = place(from, cluster);
        Place b = place(to, cluster);
        return new PathResolver(cluster, kernel).resolve(Places.flow(a, b, protocol, port));
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
        return CounterReading.read(machines, shell);
    }

    @Override
    public void close() {
        kube.close();
    }
}
