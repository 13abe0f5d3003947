package io.labbench.locallab.pods;

import io.labbench.locallab.spi.ContainerRuntime;
import io.labbench.locallab.net.KernelAccess;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.net.PodSandbox;
import io.labbench.locallab.net.ProcessRunner;
import io.labbench.locallab.net.VpcCniPodNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The lab's containerd: runs each container of a pod as a host process inside the namespaces the
 * pod's {@code /pause} holds ({@link VpcCniPodNetwork#sandbox}), its program chosen by the
 * {@link ImageCatalog}, one {@link ContainerSupervisor} per container. The cluster's add-ons in
 * {@code kube-system} and host-network pods stay with the kubelet's stand-in (shown running, no process).
 */
public final class ProcessContainerRuntime implements ContainerRuntime {

    private final CompletableFuture<VpcCniPodNetwork> network;
    private final java.util.function.Function<KernelAccess, ImageCatalog> catalogs;
    private final Optional<ClusterDnsServers> clusterDns;
    private volatile ImageCatalog catalog;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "locallab-containers");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, List<ContainerSupervisor>> pods = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
    private volatile java.util.function.Consumer<String> onChange = pod -> { };

    /**
     * @param network  the pod network, once the lab's kernel side is up (pods are only started after their
     *                 network is attached, so it is there by then)
     * @param catalogs the image catalogue for the lab's kernel access (rootless or not)
     */
    public ProcessContainerRuntime(CompletableFuture<VpcCniPodNetwork> network,
                                   java.util.function.Function<KernelAccess, ImageCatalog> catalogs) {
        this(network, catalogs, Optional.empty());
    }

    /** @param clusterDns the cluster DNS servers the catalogue runs for CoreDNS's image, which get the cluster's names */
    public ProcessContainerRuntime(CompletableFuture<VpcCniPodNetwork> network,
                                   java.util.function.Function<KernelAccess, ImageCatalog> catalogs,
                                   Optional<ClusterDnsServers> clusterDns) {
        this.network = network;
        this.catalogs = catalogs;
        this.clusterDns = clusterDns;
    }

    /**
     * The lab's runtime: {@link ImageCatalog#ofThisHost} for its kernel access, with CoreDNS's pods as
     * dnsmasq forwarding to the VPC resolver.
     */
    public static ProcessContainerRuntime ofThisHost(CompletableFuture<VpcCniPodNetwork> network) {
        Optional<ClusterDnsServers> dns = Optional.of(new ClusterDnsServers(LabTopology.VPC_RESOLVER));
        return new ProcessContainerRuntime(network, kernel -> ImageCatalog.ofThisHost(dns), dns);
    }

    @Override
    public Optional<io.labbench.locallab.spi.ClusterNames> clusterNames() {
        return clusterDns.map(dns -> dns);
    }

    @Override
    public void onChange(java.util.function.Consumer<String> listener) {
        this.onChange = listener;
    }

    @Override
    public boolean start(Pod pod) throws IOException {
        if (pod.namespace().equals("kube-system")
                && !pod.containers().stream().allMatch(c -> ImageCatalog.runsInKubeSystem(c.image()))) {
            return false;
        }
        VpcCniPodNetwork network = this.network.getNow(null);
        Optional<PodSandbox> sandbox = network == null ? Optional.empty() : network.sandbox(pod.namespace(), pod.name());
        if (sandbox.isEmpty()) {
            return false;
        }
        KernelAccess kernel = network.kernel();
        if (catalog == null) {
            catalog = catalogs.apply(kernel);
        }
        List<String> enter = VpcCniPodNetwork.inSandbox(sandbox.get());
        Path podDir = network.podDir(pod.namespace(), pod.name());
        List<ContainerSupervisor> containers = new ArrayList<>();
        List<ContainerProgram> programs = new ArrayList<>();
        for (Container c : pod.containers()) {
            programs.add(catalog.program(pod, c, Files.createDirectories(podDir.resolve("containers").resolve(c.name()))));
        }
        PodMounts mounts = PodMounts.of(pod, programs, podDir);
        if (!mounts.isEmpty()) {
            // once per pod, before any container: a restarted container finds its mounts in place
            List<String> mount = new ArrayList<>(enter);
            mount.addAll(mounts.mountCommand());
            try {
                ProcessRunner.run(kernel.command(mount), "");
            } catch (IOException e) {
                throw new IOException("could not mount the pod's volumes: " + e.getMessage(), e);
            }
        }
        for (int i = 0; i < pod.containers().size(); i++) {
            Container c = pod.containers().get(i);
            Path dir = podDir.resolve("containers").resolve(c.name());
            ContainerProgram program = programs.get(i);
            containers.add(new ContainerSupervisor(pod, c, dir, program, argv -> {
                List<String> full = new ArrayList<>(enter);
                full.addAll(argv);
                return kernel.command(full);
            }, timer, this::event, () -> onChange.accept(pod.key()), "containerd://" + sha256(pod.uid() + "/" + c.name())));
        }
        pods.put(pod.key(), containers);
        try {
            for (ContainerSupervisor c : containers) {
                c.start();
            }
        } catch (IOException | RuntimeException e) {
            containers.forEach(ContainerSupervisor::kill);
            pods.remove(pod.key());
            throw e;
        }
        return true;
    }

    @Override
    public void updateVolumes(String namespace, String pod, List<Volume> volumes) throws IOException {
        VpcCniPodNetwork net = network.getNow(null);
        if (net == null || !pods.containsKey(namespace + "/" + pod)) {
            return;
        }
        for (Volume v : volumes) {
            if (v instanceof Volume.Files files) {
                PodMounts.update(files, net.podDir(namespace, pod).resolve("volumes").resolve(v.name()));
            }
        }
    }

    @Override
    public List<ContainerStatus> statuses(String namespace, String pod) {
        return pods.getOrDefault(namespace + "/" + pod, List.of()).stream().map(ContainerSupervisor::status).toList();
    }

    @Override
    public List<Event> drainEvents() {
        List<Event> drained = new ArrayList<>();
        for (Event e; (e = events.poll()) != null; ) {
            drained.add(e);
        }
        return drained;
    }

    @Override
    public Optional<String> logs(String namespace, String pod, String container, boolean previous) {
        return pods.getOrDefault(namespace + "/" + pod, List.of()).stream().filter(c -> c.name().equals(container))
                .findFirst().flatMap(c -> c.logs(previous));
    }

    @Override
    public Optional<LiveLog> liveLog(String namespace, String pod, String container) {
        return pods.getOrDefault(namespace + "/" + pod, List.of()).stream().filter(c -> c.name().equals(container))
                .findFirst().flatMap(ContainerSupervisor::liveLog);
    }

    @Override
    public CompletableFuture<Void> stop(String namespace, String pod, Duration grace) {
        List<ContainerSupervisor> containers = pods.remove(namespace + "/" + pod);
        if (containers == null) {
            return CompletableFuture.completedFuture(null);
        }
        forgetClusterDns(namespace, pod);
        return CompletableFuture.allOf(containers.stream().map(c -> c.stop(grace)).toArray(CompletableFuture[]::new));
    }

    @Override
    public void stopAll() {
        List<List<ContainerSupervisor>> all = List.copyOf(pods.values());
        pods.clear();
        all.forEach(list -> list.forEach(ContainerSupervisor::kill));
        timer.shutdownNow();
    }

    private void forgetClusterDns(String namespace, String pod) {
        VpcCniPodNetwork net = network.getNow(null);
        if (net != null && clusterDns.isPresent()) {
            Path containersDir = net.podDir(namespace, pod).resolve("containers");
            try (var dirs = Files.list(containersDir)) {
                dirs.forEach(clusterDns.get()::forget);
            } catch (IOException e) {
                // no containers folder: nothing was registered
            }
        }
    }

    private void event(Event e) {
        events.add(e);
        onChange.accept(e.namespace() + "/" + e.pod());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
