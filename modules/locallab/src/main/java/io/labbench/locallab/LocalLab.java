package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.aws.KopsControl;
import io.labbench.locallab.check.MachineCheck;
import io.labbench.locallab.net.KernelAccess;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.net.VpcCniPodNetwork;
import io.labbench.locallab.parts.PartRunner;
import io.labbench.locallab.parts.StartedParts;
import io.labbench.locallab.parts.UpTimeline;
import io.labbench.locallab.ssh.LabEndpoint;
import io.labbench.locallab.ssh.MachineShell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The local lab's life cycle in this JVM: {@link #up} checks the machine, removes whatever a
 * crashed lab with the same prefix left, builds the network, starts SSH and the Kubernetes API and
 * writes {@code status.json}; {@link #down} removes all of it. The lab lives as long as this object
 * (and this JVM): {@code labbench lab up} runs it in a background {@code LabDaemon}.
 */
public final class LocalLab implements AutoCloseable {

    /**
     * Runs the parts' starts: as many threads as parts run at once, daemon threads so they never hold the JVM.
     * Its threads never time out: the relays' socats are started with {@code setpriv --pdeathsig KILL}, and
     * Linux sends that signal when the starting <em>thread</em> ends, so a cached pool's 60 s idle timeout
     * killed the relays a minute after up.
     */
    private static final ExecutorService PART_THREADS = new java.util.concurrent.ThreadPoolExecutor(0, Integer.MAX_VALUE,
            Long.MAX_VALUE, java.util.concurrent.TimeUnit.NANOSECONDS, new java.util.concurrent.SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "locallab-up");
                t.setDaemon(true);
                return t;
            });
    private static final PartRunner RUNNER = new PartRunner(PART_THREADS);

    private final LabSettings settings;
    private final LabTopology topology;
    private final MachineCheck machineCheck;
    private final KopsControl kopsControl;
    private Optional<LabParts> parts = Optional.empty();
    private StartedParts started = StartedParts.none();
    private LabStatus status;
    private boolean up;
    private UpTimeline lastUpTimeline;

    public LocalLab(LabSettings settings) {
        this(settings, MachineCheck.ofThisMachine());
    }

    public LocalLab(LabSettings settings, MachineCheck machineCheck) {
        this(settings, machineCheck, KopsControl.insideAnotherProgram());
    }

    /** @param kopsControl what re-rolls or deletes this lab for kops in kops-ec2 (the daemon's relaunches it) */
    public LocalLab(LabSettings settings, MachineCheck machineCheck, KopsControl kopsControl) {
        this.settings = settings;
        this.topology = settings.topology();
        this.machineCheck = machineCheck;
        this.kopsControl = kopsControl;
        this.status = LabStatus.stopped(settings.prefix());
    }

    public LabSettings settings() {
        return settings;
    }

    public LabTopology topology() {
        return topology;
    }

    /**
     * Builds the lab: starts its {@link LabParts parts}, progress counted from their list. Throws with
     * every missing piece named when the machine cannot run it; after a failure nothing of it is left.
     */
    public synchronized LabStatus up(LocalLabProgress progress) throws IOException {
        if (up) {
            return status;
        }
        long start = System.nanoTime();
        UpTimeline timeline = new UpTimeline();
        lastUpTimeline = timeline;
        LabParts next = new LabParts(settings, topology, machineCheck, kopsControl, p -> buildStatus(p, System.nanoTime() - start));
        parts = Optional.of(next);
        try {
            started = RUNNER.start(next.inOrder(), progress::step, timeline);
        } catch (IOException | RuntimeException | Error e) {
            parts = Optional.empty();
            throw e;
        }
        up = true;
        status = next.statusFile.written();
        int total = next.inOrder().size();
        progress.step(total, total, "Lab is up");
        return status;
    }

    /** How many progress steps {@code up} reports (one per part); for callers that add steps of their own. */
    public static int upSteps(LabSettings settings) {
        return new LabParts(settings, settings.topology(), MachineCheck.ofThisMachine(), KopsControl.insideAnotherProgram(), p -> {
            throw new IllegalStateException("not started");
        }).inOrder().size();
    }

    /** When each part of the last {@link #up} started and ended (empty before the first). */
    public synchronized Optional<UpTimeline> lastUpTimeline() {
        return Optional.ofNullable(lastUpTimeline);
    }

    /** Removes everything this lab created: processes, namespaces, links, rules, files. */
    public synchronized void down() throws IOException {
        down(LocalLabProgress.none());
    }

    /**
     * {@link #down()} with progress for the app's progress bar (the app stops the lab on exit): the
     * started parts stop in reverse order, one step each.
     */
    public synchronized void down(LocalLabProgress progress) throws IOException {
        up = false;
        int total = started.parts().size();
        try {
            started.stop(progress::step);
        } finally {
            started = StartedParts.none();
            parts = Optional.empty();
            status = LabStatus.stopped(settings.prefix());
        }
        progress.step(total, total, "Lab is down");
    }

    @Override
    public void close() throws IOException {
        down();
    }

    public synchronized LabStatus status() {
        return status;
    }

    public synchronized boolean isUp() {
        return up;
    }

    /** The pod network the Kubernetes side drives; only while the lab is up. */
    public synchronized VpcCniPodNetwork podNetwork() {
        return running().kubernetes.podNetwork();
    }

    public synchronized List<LabEndpoint> endpoints() {
        return parts.map(p -> p.sshServers.endpoints()).orElse(List.of());
    }

    public synchronized Optional<MachineShell> shell(String machine) {
        return parts.flatMap(p -> p.sshServers.shell(machine));
    }

    /** The VPC resolver while the lab is up (a part of the app or a test adds record sources to it). */
    public synchronized Optional<io.labbench.locallab.dns.VpcResolver> vpcResolver() {
        return parts.filter(p -> up).flatMap(p -> p.internet.resolver());
    }

    public synchronized KernelAccess kernel() {
        return running().kernel.kernel();
    }

    private LabParts running() {
        return parts.filter(p -> up).orElseThrow(() -> new IllegalStateException("the local lab is not up"));
    }

    /**
     * Removes what a lab with these settings' prefix left in the kernel and in its folder, e.g. after
     * a crash; a lab still running in another process is stopped too. Returns what it removed.
     */
    public static List<String> removeLeftovers(LabSettings settings) throws IOException {
        List<String> removed = LeftoversPart.remove(settings);
        deleteRecursively(SshKeysPart.scratchDir(settings));
        return removed;
    }

    private LabStatus buildStatus(LabParts p, long upNanos) {
        List<LabStatus.Node> nodes = topology.nodes().stream().map(n -> new LabStatus.Node(n.name(),
                n.role().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), n.instanceId(), n.hostname(), n.netns(),
                n.ip().toString(), n.subnet().zone(), n.instanceType().name(), n.maxPods(),
                p.internet.publicIps().getOrDefault(n.name(), ""))).toList();
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<LabStatus.Endpoint> endpoints = new ArrayList<>();
        List<LabEndpoint> ssh = p.sshServers.endpoints();
        for (LabEndpoint e : ssh) {
            ports.put(e.name(), e.port());
            endpoints.add(new LabStatus.Endpoint(e.name(), e.hostname(), e.ip(), e.host(), e.port(), e.user(),
                    e.privateKey().toString(), e.knownHosts().toString()));
        }
        String kubeconfig = p.kubernetes.running() ? settings.kubeconfig().toString() : "";
        LabEndpoint any = ssh.get(0);
        return new LabStatus(true, settings.prefix(), p.kernel.kernel().rootless(), ProcessHandle.current().pid(), nodes,
                kubeconfig, ports, endpoints, any.knownHosts().toString(), any.privateKey().toString(), topology.clusterName(),
                settings.prefixDelegation(), upNanos / 1_000_000);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
