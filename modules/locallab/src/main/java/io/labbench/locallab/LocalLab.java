package io.labbench.locallab;

import io.labbench.locallab.check.MachineCheck;
import io.labbench.locallab.check.MachineFinding;
import io.labbench.locallab.inet.InternetStandIn;
import io.labbench.locallab.kube.LocalKubeApi;
import io.labbench.locallab.net.KernelAccess;
import io.labbench.locallab.net.LabCleaner;
import io.labbench.locallab.net.LabNetworkBuilder;
import io.labbench.locallab.net.LabNode;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.net.RootlessHolder;
import io.labbench.locallab.net.VpcCniPodNetwork;
import io.labbench.locallab.pods.ImageCatalog;
import io.labbench.locallab.pods.ProcessContainerRuntime;
import io.labbench.locallab.ssh.ClientKeyGeneration;
import io.labbench.locallab.ssh.LabKeys;
import io.labbench.locallab.ssh.LabSsh;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The local lab's life cycle in this JVM: {@link #up} checks the machine, removes whatever a
 * crashed lab with the same prefix left, builds the network, starts SSH and the Kubernetes API and
 * writes {@code status.json}; {@link #down} removes all of it. The lab lives as long as this object
 * (and this JVM): {@code labbench lab up} runs it in a background {@code LabDaemon}.
 */
public final class LocalLab implements AutoCloseable {

    /**
     * Not a static field: the first logger of a JVM makes the JDK look for logging back-ends in every jar
     * of the class path (0.2 s in the daemon), and up() should not wait for that before it starts.
     */
    private static Logger log() {
        return Logger.getLogger(LocalLab.class.getName());
    }
    private static final int STEPS = 6;
    private static final int DOWN_STEPS = 3;
    private static final java.util.concurrent.ExecutorService BACKGROUND = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "locallab-up");
        t.setDaemon(true);
        return t;
    });

    private final LabSettings settings;
    private final LabTopology topology;
    private final MachineCheck machineCheck;
    private KernelAccess kernel;
    private Optional<RootlessHolder> holder = Optional.empty();
    private volatile VpcCniPodNetwork podNetwork;
    private LabSsh ssh;
    private InternetStandIn internet;
    private Optional<LocalKubeApi> kubeApi = Optional.empty();
    private LabStatus status;
    private boolean up;
    private UpTimeline lastUpTimeline;

    public LocalLab(LabSettings settings) {
        this(settings, MachineCheck.ofThisMachine());
    }

    public LocalLab(LabSettings settings, MachineCheck machineCheck) {
        this.settings = settings;
        this.topology = LabTopology.of(settings);
        this.machineCheck = machineCheck;
        this.status = LabStatus.stopped(settings.prefix());
    }

    public LabSettings settings() {
        return settings;
    }

    public LabTopology topology() {
        return topology;
    }

    /** Builds the lab. Throws with every missing piece named when the machine cannot run it. */
    public synchronized LabStatus up(LabProgress progress) throws IOException {
        if (up) {
            return status;
        }
        long start = System.nanoTime();
        UpTimeline timeline = new UpTimeline();
        lastUpTimeline = timeline;
        // ssh-keygen runs beside everything below (outside the lab folder, which the leftover removal
        // deletes); the SSH servers need its key last
        ClientKeyGeneration clientKey = ClientKeyGeneration.begin(keygenDir(settings));
        try {
            progress.step(0, STEPS, "Checking the machine");
            List<MachineFinding> blocking = timeline.time("machine check",
                    () -> machineCheck.findings().stream().filter(MachineFinding::blocking).toList());
            if (!blocking.isEmpty()) {
                throw new IOException("this machine cannot run the local lab yet:\n  - "
                        + String.join("\n  - ", blocking.stream().map(MachineFinding::toString).toList()));
            }
            progress.step(1, STEPS, "Removing what an earlier lab '" + settings.prefix() + "' left behind");
            List<String> removed = timeline.time("leftovers", () -> removeLeftoversKeepingKeygen(settings));
            if (!removed.isEmpty()) {
                log().info(() -> "removed a lab left behind: " + removed);
            }
        } catch (IOException | RuntimeException e) {
            clientKey.close();
            throw e;
        }
        try {
            progress.step(2, STEPS, "Building the VPC, subnets and nodes " + topology.nodes().stream().map(LabNode::name).toList());
            Files.createDirectories(settings.labDir());
            timeline.time("state file", () -> {
                kernel = startKernelAccess();
                LabStateFile.writeState(settings, new LabStateFile.State(settings.prefix(), ProcessHandle.current().pid(),
                        kernel.rootless(), holder.map(RootlessHolder::pid).orElse(0L), rootlessUserNamespace(), "starting",
                        System.currentTimeMillis()));
                return null;
            });
            // Three strands at once: the kernel work, the Kubernetes API, and (on this thread) keys and SSH
            // servers. On a cold JVM most of up is class loading, and this spreads it over the cores.
            KernelAccess k = kernel;
            InternetStandIn inet = new InternetStandIn(topology, k, settings.labDir().resolve("inet"), settings.labDir().resolve("etc"));
            internet = inet;
            CompletableFuture<Void> network = CompletableFuture.runAsync(() -> {
                try {
                    timeline.time("network", () -> {
                        new LabNetworkBuilder(topology, k).build();
                        return null;
                    });
                    // before pods are wired: their /etc binds the stand-in's trust bundle
                    timeline.time("internet stand-in", () -> {
                        inet.start();
                        return null;
                    });
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }, BACKGROUND);
            // the API server and controllers start now; the gate holds pod wiring until the network is built
            VpcCniPodNetwork vpcCni = new VpcCniPodNetwork(topology, k, settings.prefixDelegation(), settings.labDir().resolve("pods"));
            CompletableFuture<LocalKubeApi> kubernetes = CompletableFuture.supplyAsync(() -> {
                try {
                    return timeline.time("kubernetes api", () -> startKubernetes(vpcCni, new PodNetworkGate(vpcCni, network)));
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }, BACKGROUND);
            try {
                ClientKeyGeneration keygen = clientKey;
                LabKeys keys = timeline.time("ssh keys", () -> {
                    try {
                        return LabKeys.generate(topology.nodes().stream().map(LabNode::name).toList(), keygen.await());
                    } catch (GeneralSecurityException e) {
                        throw new IOException("cannot generate the lab's SSH keys: " + e.getMessage(), e);
                    }
                });
                ssh = timeline.time("ssh servers", () -> LabSsh.start(topology, kernel, settings.labDir(), settings.kubeconfig(), keys));
                timeline.time("wait for network", () -> join(network));

                progress.step(3, STEPS, "Starting SSH into kops-ec2, master, worker1, worker2");
                timeline.time("ssh relays", () -> {
                    ssh.forwardNodePorts();
                    return null;
                });

                progress.step(4, STEPS, "Starting the Kubernetes API");
                LocalKubeApi api = timeline.time("wait for kubernetes", () -> join(kubernetes));
                kubeApi = Optional.of(api);
            } finally {
                // on failure, an API that came up anyway must still be stopped by the teardown below
                if (kubeApi.isEmpty()) {
                    try {
                        kubeApi = Optional.of(kubernetes.join());
                    } catch (RuntimeException ignored) {
                        // it failed too; the first failure is what gets reported
                    }
                }
            }
            URI url = URI.create(kubeApi.get().url());
            if (url.getPort() > 0) {
                // kops-ec2's kubectl uses the same kubeconfig: the API's loopback port is relayed into its namespace
                timeline.time("api relay", () -> {
                    ssh.forwardApiServer(url.getPort());
                    return null;
                });
            }

            up = true;
            status = buildStatus(System.nanoTime() - start);
            timeline.time("status file", () -> {
                LabStateFile.writeState(settings, new LabStateFile.State(settings.prefix(), ProcessHandle.current().pid(),
                        kernel.rootless(), holder.map(RootlessHolder::pid).orElse(0L), rootlessUserNamespace(), "up",
                        System.currentTimeMillis()));
                LabStateFile.writeStatus(settings, status);
                return null;
            });
            progress.step(STEPS, STEPS, "Lab is up");
            return status;
        } catch (IOException | RuntimeException e) {
            clientKey.close();
            try {
                teardown();
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** When each part of the last {@link #up} started and ended (empty before the first). */
    public synchronized Optional<UpTimeline> lastUpTimeline() {
        return Optional.ofNullable(lastUpTimeline);
    }

    /** Removes everything this lab created: processes, namespaces, links, rules, files. */
    public synchronized void down() throws IOException {
        down(LabProgress.none());
    }

    /** {@link #down()} with progress for the app's progress bar (the app stops the lab on exit). */
    public synchronized void down(LabProgress progress) throws IOException {
        up = false;
        teardown(progress);
        status = LabStatus.stopped(settings.prefix());
        progress.step(DOWN_STEPS, DOWN_STEPS, "Lab is down");
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
        if (podNetwork == null) {
            throw new IllegalStateException("the local lab is not up");
        }
        return podNetwork;
    }

    public synchronized List<LabEndpoint> endpoints() {
        return ssh == null ? List.of() : ssh.endpoints();
    }

    public synchronized Optional<io.labbench.locallab.ssh.MachineShell> shell(String machine) {
        return ssh == null ? Optional.empty() : ssh.shell(machine);
    }

    public synchronized KernelAccess kernel() {
        if (kernel == null) {
            throw new IllegalStateException("the local lab is not up");
        }
        return kernel;
    }

    /**
     * Removes what a lab with these settings' prefix left in the kernel and in its folder, e.g. after
     * a crash; a lab still running in another process is stopped too. Returns what it removed.
     */
    public static List<String> removeLeftovers(LabSettings settings) throws IOException {
        List<String> removed = removeLeftoversKeepingKeygen(settings);
        deleteRecursively(keygenDir(settings));
        return removed;
    }

    /** {@link #removeLeftovers} for up(), whose ssh-keygen already writes into its folder. */
    private static List<String> removeLeftoversKeepingKeygen(LabSettings settings) throws IOException {
        Optional<LabStateFile.State> state = LabStateFile.readState(settings);
        List<String> removed = new ArrayList<>();
        state.filter(s -> s.rootless() && s.holderPid() > 0).flatMap(s -> ProcessHandle.of(s.holderPid()))
                .ifPresent(h -> {
                    removed.add("rootless helper " + h.pid());
                    h.destroyForcibly();
                });
        removed.addAll(new LabCleaner(settings.prefix(), settings.labDir(),
                state.map(LabStateFile.State::userNamespace)).clean());
        deleteRecursively(settings.labDir());
        return removed;
    }

    /** Where ssh-keygen writes the client key while up runs; beside the lab folder, not in it. */
    private static Path keygenDir(LabSettings settings) {
        return settings.stateRoot().resolve(settings.prefix() + "-ssh-keygen");
    }

    private void teardown() throws IOException {
        teardown(LabProgress.none());
    }

    private void teardown(LabProgress progress) throws IOException {
        progress.step(0, DOWN_STEPS, "Stopping the Kubernetes API");
        kubeApi.ifPresent(api -> {
            try {
                // down removes every namespace below; detaching pod by pod first would only cost time
                api.closeForLabTeardown();
            } catch (RuntimeException e) {
                log().warning(() -> "the Kubernetes API did not stop cleanly: " + e);
            }
        });
        kubeApi = Optional.empty();
        if (podNetwork != null) {
            podNetwork.stopAllSandboxes();
        }
        if (internet != null) {
            internet.close();
            internet = null;
        }
        progress.step(1, DOWN_STEPS, "Stopping SSH");
        if (ssh != null) {
            ssh.close();
            ssh = null;
        }
        progress.step(2, DOWN_STEPS, "Removing namespaces, links, routes and rules");
        Optional<String> userNs = Optional.of(rootlessUserNamespace()).filter(s -> !s.isEmpty());
        List<String> removed = new LabCleaner(settings.prefix(), settings.labDir(), userNs).clean();
        log().fine(() -> "removed " + removed);
        holder.ifPresent(RootlessHolder::close);
        holder = Optional.empty();
        podNetwork = null;
        kernel = null;
        if (Files.exists(settings.kubeconfig()) && settings.kubeconfig().startsWith(settings.stateRoot())) {
            Files.deleteIfExists(settings.kubeconfig());
        }
        deleteRecursively(settings.labDir());
        deleteRecursively(keygenDir(settings));
    }

    private KernelAccess startKernelAccess() throws IOException {
        if (!machineCheck.rootless()) {
            return new KernelAccess.Root();
        }
        RootlessHolder started = RootlessHolder.start();
        holder = Optional.of(started);
        return started.kernel();
    }

    private String rootlessUserNamespace() {
        try {
            return holder.isPresent() ? holder.get().userNamespace() : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The other half of the lab: the API server, controllers and scheduler, fed by this lab's pod network. */
    private LocalKubeApi startKubernetes(VpcCniPodNetwork network, PodNetwork gate) throws IOException {
        Files.createDirectories(settings.kubeconfig().getParent());
        // not under this object's lock: up() holds it while it waits for this thread
        podNetwork = network;
        return LocalKubeApi.start(gate, settings.kubeconfig(),
                LocalKubeApi.Options.defaults().withClusterName(settings.clusterName())
                        .withPrefixDelegation(settings.prefixDelegation())
                        .withContainerRuntime(new ProcessContainerRuntime(network, ImageCatalog.ofThisHost(network.kernel().rootless()))));
    }

    private LabStatus buildStatus(long upNanos) {
        List<LabStatus.Node> nodes = topology.nodes().stream().map(n -> new LabStatus.Node(n.name(),
                n.role().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), n.instanceId(), n.hostname(), n.netns(),
                n.ip().toString(), n.subnet().zone(), n.instanceType().name(), n.maxPods(),
                internet == null ? "" : internet.publicIps().getOrDefault(n.name(), ""))).toList();
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<LabStatus.Endpoint> endpoints = new ArrayList<>();
        for (LabEndpoint e : ssh.endpoints()) {
            ports.put(e.name(), e.port());
            endpoints.add(new LabStatus.Endpoint(e.name(), e.hostname(), e.ip(), e.host(), e.port(), e.user(),
                    e.privateKey().toString(), e.knownHosts().toString()));
        }
        String kubeconfig = kubeApi.isPresent() ? settings.kubeconfig().toString() : "";
        LabEndpoint any = ssh.endpoints().get(0);
        return new LabStatus(true, settings.prefix(), kernel.rootless(), ProcessHandle.current().pid(), nodes, kubeconfig, ports,
                endpoints, any.knownHosts().toString(), any.privateKey().toString(), topology.clusterName(),
                settings.prefixDelegation(), upNanos / 1_000_000);
    }

    private static <T> T join(CompletableFuture<T> work) throws IOException {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
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
