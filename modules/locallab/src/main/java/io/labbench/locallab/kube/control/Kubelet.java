package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.spi.PodNetwork;
import io.labbench.locallab.spi.ContainerRuntime;
import io.labbench.locallab.kube.api.GracefulDeletion;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.Store;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kubelets of all nodes: a pod bound to a node gets its network from {@link PodNetwork#attach}
 * (as the VPC CNI gives it on a real node) and is reported Running and Ready with the pod IP; a pod
 * that left the store is handed to {@link PodNetwork#detach}, whoever deleted it. A pod marked for
 * deletion ({@code Terminating}) has its network torn down and is then removed from the store, no
 * sooner than {@link #STOP_TIME} after the mark: a real container takes about that long to stop.
 * With a {@link ContainerRuntime}, the pod's containers run there: their states, restarts and events
 * come from it ({@link ContainerStatuses}), and a Terminating pod's containers get SIGTERM and their
 * grace period before its network goes.
 *
 * <p>A pod's start (network, containers, first status) runs on its node's starter pool, {@link
 * #STARTS_PER_NODE} at a time, not on the controller thread: a node filling up with a hundred pods
 * brings them up side by side, each shown Running as soon as it is, while the controllers go on. A
 * pod is never detached or finished while its start runs.
 */
final class Kubelet implements Controller {

    private static final Logger LOG = Logger.getLogger(Kubelet.class.getName());
    private final Store store;
    private final PodNetwork network;
    private final EventRecorder events;
    static final java.time.Duration STOP_TIME = java.time.Duration.ofSeconds(1);
    /** uid → when this kubelet first saw the pod Terminating (nanoTime). */
    private final Map<String, Long> stopping = new ConcurrentHashMap<>();
    /** "namespace/name" → uid of the pods whose network is attached. */
    private final Map<String, String> attached = new ConcurrentHashMap<>();
    private final Optional<ContainerRuntime> runtime;
    /** "namespace/name" → node of the pods whose containers the runtime runs. */
    private final Map<String, String> running = new ConcurrentHashMap<>();
    /**
     * How many pods one node starts at the same time. A start is mostly waiting for its few processes to
     * get a CPU, not using one (at load 25 on two cores each process start waits about a quarter of a
     * second), so more of them side by side fill a node sooner; 16 keeps a full node's 105 starts to
     * seven rounds.
     */
    static final int STARTS_PER_NODE = 16;
    /** "namespace/name" → uid of the pods whose start is queued or running on a starter pool. */
    private final Map<String, String> starting = new ConcurrentHashMap<>();
    /** node → its starter pool. */
    private final Map<String, ExecutorService> starters = new ConcurrentHashMap<>();
    /** "namespace/name" of the pods the runtime reported a change for since the last pass. */
    private final Set<String> changedPods = ConcurrentHashMap.newKeySet();
    /** uid → the runtime stopping a Terminating pod's containers. */
    private final Map<String, CompletableFuture<Void>> stoppingContainers = new ConcurrentHashMap<>();
    /** uid → when the kubelet last reported the pod's missing volume source (nanoTime). */
    private final Map<String, Long> mountFailures = new ConcurrentHashMap<>();
    /** "namespace/name" → {@link #fingerprint} of the volume files a running pod was given (pods with configMap or secret volumes). */
    private final Map<String, Integer> volumeFingerprints = new ConcurrentHashMap<>();
    /** How often a pod waiting for a volume source gets its {@code FailedMount} event again. */
    static final Duration MOUNT_RETRY = Duration.ofSeconds(10);

    Kubelet(Store store, PodNetwork network, EventRecorder events) {
        this(store, network, events, Optional.empty());
    }

    /** @param runtime runs the pods' containers; without one, every pod shows Running and Ready with no process */
    Kubelet(Store store, PodNetwork network, EventRecorder events, Optional<ContainerRuntime> runtime) {
        this.store = store;
        this.network = network;
        this.events = events;
        this.runtime = runtime;
    }

    @Override
    public boolean reconcile() {
        boolean changed = false;
        List<ObjectNode> pods = store.listShared(ResourceCatalog.PODS, "");
        Map<String, String> present = new HashMap<>();
        for (ObjectNode pod : pods) {
            present.put(key(pod), Meta.uid(pod));
        }
        Iterator<Map.Entry<String, String>> it = attached.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, String> e = it.next();
            if (!e.getValue().equals(present.get(e.getKey())) && !starting.containsKey(e.getKey())) {
                detach(e.getKey());
                it.remove();
                changed = true;
            }
        }
        mountFailures.keySet().retainAll(present.values());
        changed |= stopTerminating(pods);
        refreshVolumes(pods);
        changed |= syncContainers();
        Map<String, String> nodeIps = new HashMap<>();
        Set<String> nodeNames = new HashSet<>();
        for (ObjectNode n : store.list(ResourceCatalog.NODES, "")) {
            nodeNames.add(Meta.name(n));
            for (JsonNode a : n.path("status").path("addresses")) {
                if (a.path("type").asText().equals("InternalIP")) {
                    nodeIps.put(Meta.name(n), a.path("address").asText());
                }
            }
        }
        for (ObjectNode pod : pods) {
            String node = Json.text(pod, "spec", "nodeName");
            String key = key(pod);
            if (node.isEmpty() || !nodeNames.contains(node) || attached.containsKey(key) || starting.containsKey(key)
                    || pod.path("metadata").has("deletionTimestamp")) {
                continue;
            }
            String hostIp = nodeIps.getOrDefault(node, "");
            List<ContainerRuntime.Volume> volumes = List.of();
            if (runtime.isPresent() && !pod.path("spec").path("hostNetwork").asBoolean()) {
                PodVolumes.Outcome outcome = PodVolumes.resolve(store, pod);
                if (outcome instanceof PodVolumes.Outcome.Waiting waiting) {
                    changed |= waitForVolumes(pod, node, hostIp, waiting.message());
                    continue;
                }
                volumes = ((PodVolumes.Outcome.Ready) outcome).volumes();
            }
            mountFailures.remove(Meta.uid(pod));
            List<ContainerRuntime.Volume> podVolumes = volumes;
            starting.put(key, Meta.uid(pod));
            long queued = System.nanoTime();
            try {
                starter(node).execute(() -> {
                    boolean started = false;
                    try {
                        started = start(pod, node, hostIp, queued, podVolumes);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "could not start pod " + key + "; the kubelet retries", e);
                    } finally {
                        starting.remove(key);
                        // statuses the containers reported while the start wrote its own are written again
                        changedPods.add(key);
                    }
                    if (started) {
                        pokeLoop();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException shutDown) {
                starting.remove(key);
            }
        }
        return changed;
    }

    /**
     * Hands the runtime the new files of a running pod's configMap and secret volumes once their source
     * changed, as the kubelet's periodic sync does (there within about a minute, here on the next pass).
     */
    private void refreshVolumes(List<ObjectNode> pods) {
        if (runtime.isEmpty()) {
            return;
        }
        volumeFingerprints.keySet().retainAll(running.keySet());
        for (ObjectNode pod : pods) {
            String key = key(pod);
            Integer given = volumeFingerprints.get(key);
            if (given == null || pod.path("metadata").has("deletionTimestamp")) {
                continue;
            }
            if (PodVolumes.resolve(store, pod) instanceof PodVolumes.Outcome.Ready ready && fingerprint(ready.volumes()) != given) {
                try {
                    runtime.get().updateVolumes(Meta.namespace(pod), Meta.name(pod), ready.volumes());
                    volumeFingerprints.put(key, fingerprint(ready.volumes()));
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "could not update the volumes of pod " + key + "; the kubelet tries again", e);
                }
            }
        }
    }

    /** What the files of a pod's volumes hold, to tell when a source changed. */
    private static int fingerprint(List<ContainerRuntime.Volume> volumes) {
        int hash = 1;
        for (ContainerRuntime.Volume v : volumes) {
            hash = 31 * hash + v.name().hashCode();
            if (v instanceof ContainerRuntime.Volume.Files files) {
                for (var file : new java.util.TreeMap<>(files.files()).entrySet()) {
                    hash = 31 * (31 * hash + file.getKey().hashCode()) + java.util.Arrays.hashCode(file.getValue());
                }
            }
        }
        return hash;
    }

    /**
     * Keeps a pod whose volume source is missing in ContainerCreating, as the kubelet's volume manager
     * does, with a {@code FailedMount} warning at most every {@link #MOUNT_RETRY} (the kubelet backs off
     * too); the pod starts on the first pass after the source appears.
     */
    private boolean waitForVolumes(ObjectNode pod, String node, String hostIp, String message) {
        long now = System.nanoTime();
        Long last = mountFailures.get(Meta.uid(pod));
        if (last != null && now - last < MOUNT_RETRY.toNanos()) {
            return false;
        }
        mountFailures.put(Meta.uid(pod), now);
        events.warning(pod, "FailedMount", message, new EventRecorder.Source("kubelet", node));
        if (pod.path("status").path("containerStatuses").isEmpty()) {
            store.update(ResourceCatalog.PODS, Meta.namespace(pod), Meta.name(pod), p -> waiting(p, hostIp));
        }
        return true;
    }

    private ExecutorService starter(String node) {
        return starters.computeIfAbsent(node, n -> Executors.newFixedThreadPool(STARTS_PER_NODE, r -> {
            Thread t = new Thread(r, "kubelet-" + n + "-start");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Tears down the network of Terminating pods and removes them once they have had {@link #STOP_TIME}. */
    private boolean stopTerminating(List<ObjectNode> pods) {
        boolean changed = false;
        long now = System.nanoTime();
        Set<String> live = new HashSet<>();
        for (ObjectNode pod : pods) {
            if (!pod.path("metadata").has("deletionTimestamp")) {
                continue;
            }
            String uid = Meta.uid(pod);
            live.add(uid);
            long since = stopping.computeIfAbsent(uid, u -> now);
            if (starting.containsKey(key(pod))) {
                continue; // stopped once its start is done (the start pokes the loop)
            }
            if (uid.equals(attached.get(key(pod)))) {
                CompletableFuture<Void> containers = stoppingContainers.computeIfAbsent(uid, u -> stopContainers(pod));
                if (!containers.isDone()) {
                    continue;
                }
                attached.remove(key(pod));
                detach(key(pod));
            }
            if (now - since >= STOP_TIME.toNanos()) {
                GracefulDeletion.finish(store, pod);
                stopping.remove(uid);
                stoppingContainers.remove(uid);
                changed = true;
            }
        }
        stopping.keySet().retainAll(live);
        stoppingContainers.keySet().retainAll(live);
        return changed;
    }

    /** SIGTERM to the pod's containers now; the future ends when they are gone (SIGKILL after the grace period). */
    private CompletableFuture<Void> stopContainers(ObjectNode pod) {
        if (runtime.isEmpty() || running.remove(key(pod)) == null) {
            return CompletableFuture.completedFuture(null);
        }
        long grace = pod.path("metadata").path("deletionGracePeriodSeconds")
                .asLong(pod.path("spec").path("terminationGracePeriodSeconds").asLong(30));
        CompletableFuture<Void> stopped = runtime.get().stop(Meta.namespace(pod), Meta.name(pod), Duration.ofSeconds(grace));
        // the controller loop runs again when they are gone, not a second later
        stopped.thenRun(this::pokeLoop);
        return stopped;
    }

    private Runnable poke = () -> { };

    /** How the runtime's changes reach the controller loop. */
    void onChange(Runnable poke) {
        this.poke = poke;
        runtime.ifPresent(r -> r.onChange(pod -> {
            changedPods.add(pod);
            poke.run();
        }));
    }

    private void pokeLoop() {
        poke.run();
    }

    /** Records the runtime's events and writes its container states into the pods it runs. */
    private boolean syncContainers() {
        if (runtime.isEmpty()) {
            return false;
        }
        boolean changed = false;
        for (ContainerRuntime.Event e : runtime.get().drainEvents()) {
            Optional<ObjectNode> pod = store.get(ResourceCatalog.PODS, e.namespace(), e.pod());
            if (pod.isPresent()) {
                EventRecorder.Source source = new EventRecorder.Source("kubelet", running.getOrDefault(e.namespace() + "/" + e.pod(),
                        Json.text(pod.get(), "spec", "nodeName")));
                if (e.warning()) {
                    events.containerWarning(pod.get(), e.container(), e.reason(), e.message(), source);
                } else {
                    events.container(pod.get(), e.container(), e.reason(), e.message(), source);
                }
            }
        }
        List<String> changedNow = List.copyOf(changedPods);
        changedPods.removeAll(changedNow);
        for (String key : changedNow) {
            if (!running.containsKey(key)) {
                continue;
            }
            int slash = key.indexOf('/');
            List<ContainerRuntime.ContainerStatus> statuses = runtime.get().statuses(key.substring(0, slash), key.substring(slash + 1));
            if (statuses.isEmpty()) {
                continue;
            }
            Optional<ObjectNode> pod = store.get(ResourceCatalog.PODS, key.substring(0, slash), key.substring(slash + 1));
            if (pod.isEmpty() || pod.get().path("metadata").has("deletionTimestamp")) {
                continue;
            }
            ObjectNode proposed = pod.get().deepCopy();
            ContainerStatuses.apply(proposed, statuses);
            if (!proposed.path("status").equals(pod.get().path("status"))) {
                store.update(ResourceCatalog.PODS, key.substring(0, slash), key.substring(slash + 1),
                        p -> ContainerStatuses.apply(p, statuses));
                changed = true;
            }
        }
        return changed;
    }

    private boolean start(ObjectNode pod, String node, String hostIp, long queued, List<ContainerRuntime.Volume> volumes) {
        long begun = System.nanoTime();
        boolean hostNetwork = pod.path("spec").path("hostNetwork").asBoolean();
        String ip;
        try {
            ip = network.attach(Meta.namespace(pod), Meta.name(pod), node, hostNetwork);
        } catch (IOException | RuntimeException e) {
            String message = "Failed to create pod sandbox: plugin type=\"aws-cni\" name=\"aws-cni\" failed (add): "
                    + e.getMessage();
            events.warning(pod, "FailedCreatePodSandBox", message, new EventRecorder.Source("kubelet", node));
            store.update(ResourceCatalog.PODS, Meta.namespace(pod), Meta.name(pod), p -> waiting(p, hostIp));
            return false;
        }
        attached.put(key(pod), Meta.uid(pod));
        long wired = System.nanoTime();
        if (runtime.isPresent() && !hostNetwork) {
            try {
                if (runtime.get().start(ContainerStatuses.podOf(pod, node, ip, volumes))) {
                    long spawned = System.nanoTime();
                    running.put(key(pod), node);
                    if (volumes.stream().anyMatch(v -> v instanceof ContainerRuntime.Volume.Files)) {
                        volumeFingerprints.put(key(pod), fingerprint(volumes));
                    }
                    List<ContainerRuntime.ContainerStatus> statuses = runtime.get().statuses(Meta.namespace(pod), Meta.name(pod));
                    String now = Meta.now();
                    store.update(ResourceCatalog.PODS, Meta.namespace(pod), Meta.name(pod), p -> {
                        running(p, hostIp, ip, now);
                        ContainerStatuses.apply(p, statuses);
                    });
                    if (LOG.isLoggable(Level.FINE)) {
                        LOG.log(Level.FINE, "pod {0} started", new PodStartTiming(key(pod), (begun - queued) / 1000,
                                (wired - begun) / 1000, (spawned - wired) / 1000, (System.nanoTime() - spawned) / 1000));
                    }
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                // as the kubelet shows a container it could not create: Pending, not ready, the reason on the container
                String message = "could not start the containers: " + e.getMessage();
                events.warning(pod, "Failed", "Error: " + message, new EventRecorder.Source("kubelet", node));
                LOG.log(Level.WARNING, "could not start the containers of pod " + key(pod), e);
                String now = Meta.now();
                store.update(ResourceCatalog.PODS, Meta.namespace(pod), Meta.name(pod), p -> {
                    running(p, hostIp, ip, now);
                    p.with("status").put("phase", "Pending");
                    waiting(p, hostIp, "CreateContainerError", message);
                    Scheduler.setCondition(p, "Ready", "False", "ContainersNotReady", "containers with unready status: ["
                            + String.join(" ", containerNames(p)) + "]");
                    Scheduler.setCondition(p, "ContainersReady", "False", "ContainersNotReady", "containers with unready status: ["
                            + String.join(" ", containerNames(p)) + "]");
                });
                return true;
            }
        }
        String now = Meta.now();
        var updated = store.update(ResourceCatalog.PODS, Meta.namespace(pod), Meta.name(pod), p -> running(p, hostIp, ip, now));
        if (updated.isEmpty()) {
            return true;
        }
        EventRecorder.Source source = new EventRecorder.Source("kubelet", node);
        if (!hostNetwork || !pod.path("metadata").path("annotations").has("kubernetes.io/config.mirror")) {
            for (JsonNode c : pod.path("spec").path("containers")) {
                String name = c.path("name").asText();
                events.container(updated.get(), name, "Pulled", "Container image \"" + c.path("image").asText()
                        + "\" already present on machine", source);
                events.container(updated.get(), name, "Created", "Created container " + name, source);
                events.container(updated.get(), name, "Started", "Started container " + name, source);
            }
        }
        return true;
    }

    private static void running(ObjectNode pod, String hostIp, String ip, String now) {
        ObjectNode status = pod.with("status");
        status.put("phase", "Running");
        status.put("hostIP", hostIp);
        status.put("podIP", ip);
        status.putArray("podIPs").addObject().put("ip", ip);
        status.put("startTime", now);
        Scheduler.setCondition(pod, "Initialized", "True", "", "");
        Scheduler.setCondition(pod, "Ready", "True", "", "");
        Scheduler.setCondition(pod, "ContainersReady", "True", "", "");
        Scheduler.setCondition(pod, "PodScheduled", "True", "", "");
        ArrayNode statuses = status.putArray("containerStatuses");
        for (JsonNode c : pod.path("spec").path("containers")) {
            ObjectNode cs = statuses.addObject();
            cs.put("name", c.path("name").asText());
            cs.putObject("state").putObject("running").put("startedAt", now);
            cs.putObject("lastState");
            cs.put("ready", true);
            cs.put("restartCount", 0);
            cs.put("image", c.path("image").asText());
            cs.put("imageID", c.path("image").asText().replaceAll(":[^:/]*$", "") + "@sha256:"
                    + sha256(c.path("image").asText()));
            cs.put("containerID", "containerd://" + sha256(Meta.uid(pod) + c.path("name").asText()));
            cs.put("started", true);
        }
    }

    private static void waiting(ObjectNode pod, String hostIp) {
        waiting(pod, hostIp, "ContainerCreating", "");
    }

    /** Every container waiting for {@code reason} ({@code message} when not empty). */
    private static void waiting(ObjectNode pod, String hostIp, String reason, String message) {
        ObjectNode status = pod.with("status");
        status.put("hostIP", hostIp);
        ArrayNode statuses = status.putArray("containerStatuses");
        for (JsonNode c : pod.path("spec").path("containers")) {
            ObjectNode cs = statuses.addObject();
            cs.put("name", c.path("name").asText());
            ObjectNode waiting = cs.putObject("state").putObject("waiting").put("reason", reason);
            if (!message.isEmpty()) {
                waiting.put("message", message);
            }
            cs.putObject("lastState");
            cs.put("ready", false);
            cs.put("restartCount", 0);
            cs.put("image", c.path("image").asText());
            cs.put("imageID", "");
            cs.put("started", false);
        }
    }

    private static List<String> containerNames(JsonNode pod) {
        List<String> names = new java.util.ArrayList<>();
        pod.path("spec").path("containers").forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    private void detach(String key) {
        int slash = key.indexOf('/');
        if (runtime.isPresent() && running.remove(key) != null) {
            // the pod left the store without a graceful stop (a forced delete): its processes go first
            try {
                runtime.get().stop(key.substring(0, slash), key.substring(slash + 1), Duration.ZERO)
                        .get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.log(Level.WARNING, "the containers of pod " + key + " did not stop; the lab's `down` kills them", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            network.detach(key.substring(0, slash), key.substring(slash + 1));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not remove the network of pod " + key + "; the lab's `down` removes it", e);
        }
    }

    /** Kills every container at once (the lab's teardown removes the namespaces right after). */
    void killAllContainers() {
        stopStarters();
        running.clear();
        runtime.ifPresent(ContainerRuntime::stopAll);
    }

    /** Drops the starts not begun yet and waits (briefly) for those under way, so none outlives the teardown. */
    private void stopStarters() {
        starters.values().forEach(ExecutorService::shutdownNow);
        for (ExecutorService pool : starters.values()) {
            try {
                if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warning("a pod start did not finish within 10 s; the lab's `down` removes what it left");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Detaches every pod this kubelet attached (server shutdown). */
    void detachAll() {
        attached.keySet().forEach(this::detach);
        attached.clear();
    }

    private static String key(JsonNode pod) {
        return Meta.namespace(pod) + "/" + Meta.name(pod);
    }

    static String sha256(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder();
            for (byte x : d) {
                b.append(String.format("%02x", x));
            }
            return b.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
