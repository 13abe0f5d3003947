package io.labbench.app.path;

import io.labbench.locallab.LabSettings;
import io.labbench.locallab.LabStateFile;
import io.labbench.locallab.LabStatus;
import io.labbench.locallab.daemon.LabDaemonLauncher;
import io.labbench.packetpath.PacketPath;
import io.labbench.packetpath.PathResolver;
import io.labbench.packetpath.Place;
import io.labbench.packetpath.Places;
import io.labbench.packetpath.cluster.ClusterState;
import io.labbench.packetpath.live.CounterReading;
import io.labbench.packetpath.live.LiveKernel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Paths on the running local lab: finds it through its status file (as {@code labbench lab status} does),
 * reads the cluster from its Kubernetes API and the machines with nsenter ({@link LocalLabShell}).
 */
public final class LocalLabPathSource implements PathSource {
    private final LabStatus status;
    private final LocalLabShell shell;

    public LocalLabPathSource(LabStatus status, long holderPid) {
        this.status = status;
        this.shell = new LocalLabShell(status, holderPid);
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

    @Override
    public List<String> places() throws IOException {
        ClusterState cluster = LocalLabCluster.read(status, shell);
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
        ClusterState cluster = LocalLabCluster.read(status, shell);
        Place a = place(from, cluster);
        Place b = place(to, cluster);
        return new PathResolver(cluster, new LiveKernel(shell)).resolve(Places.flow(a, b, protocol, port));
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
}
