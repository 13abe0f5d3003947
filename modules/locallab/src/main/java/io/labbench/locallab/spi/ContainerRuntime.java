package io.labbench.locallab.spi;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the kubelet asks of a node's container runtime (containerd and the images on a real node): run
 * a wired pod's containers, report their states, hand out their output, stop them. The kubelet writes
 * what it hears into the pod's status and events; the runtime never touches the API objects.
 */
public interface ContainerRuntime {

    /** One container of a pod spec, as much of it as the runtime needs. */
    record Container(String name, String image, List<String> command, List<String> args, List<Integer> ports,
                     Map<String, String> env, List<VolumeMount> volumeMounts) {
        public Container {
            command = List.copyOf(command);
            args = List.copyOf(args);
            ports = List.copyOf(ports);
            env = Map.copyOf(env);
            volumeMounts = List.copyOf(volumeMounts);
        }

        /** A container that mounts no volume. */
        public Container(String name, String image, List<String> command, List<String> args, List<Integer> ports,
                         Map<String, String> env) {
            this(name, image, command, args, ports, env, List.of());
        }
    }

    /**
     * One of a container's {@code volumeMounts}: the pod volume {@code name} at {@code mountPath}, only
     * its {@code subPath} (empty: the whole volume) when one is given.
     */
    record VolumeMount(String name, String mountPath, String subPath, boolean readOnly) {
    }

    /**
     * A pod volume as the kubelet hands it to the runtime, its sources already read from the API (a
     * volume whose source is missing never gets here: the pod waits in ContainerCreating).
     */
    sealed interface Volume {
        String name();

        /**
         * A configMap or secret volume: relative path → content (secrets already base64-decoded), each
         * file with {@code mode}; always mounted read-only, as the kubelet does.
         */
        record Files(String name, Map<String, byte[]> files, int mode) implements Volume {
            public Files {
                files = Map.copyOf(files);
            }
        }

        /** An {@code emptyDir}: a fresh writable folder that lives as long as the pod. */
        record EmptyDir(String name) implements Volume {
        }
    }

    /** A pod bound to a node whose network is attached; {@code restartPolicy} is Always, OnFailure or Never. */
    record Pod(String namespace, String name, String uid, String node, String ip, String restartPolicy,
               List<Container> containers, List<Volume> volumes) {
        public Pod {
            containers = List.copyOf(containers);
            volumes = List.copyOf(volumes);
        }

        /** A pod with no volumes. */
        public Pod(String namespace, String name, String uid, String node, String ip, String restartPolicy,
                   List<Container> containers) {
            this(namespace, name, uid, node, ip, restartPolicy, containers, List.of());
        }

        public String key() {
            return namespace + "/" + name;
        }
    }

    /** A container's state, as {@code containerStatuses[].state} has it. */
    sealed interface State {
        record Waiting(String reason, String message) implements State {
        }

        record Running(Instant startedAt) implements State {
        }

        /** A run that ended; {@code message} says why when the runtime knows (a start error's cause), else empty. */
        record Terminated(int exitCode, String reason, String message, Instant startedAt, Instant finishedAt) implements State {
            public Terminated(int exitCode, String reason, Instant startedAt, Instant finishedAt) {
                this(exitCode, reason, "", startedAt, finishedAt);
            }
        }
    }

    record ContainerStatus(String name, String image, State state, Optional<State.Terminated> lastState,
                           int restartCount, boolean ready, String containerId) {
    }

    /** Something {@code kubectl describe pod} should list under Events. */
    record Event(String namespace, String pod, String container, boolean warning, String reason, String message) {
    }

    /**
     * Starts the pod's containers, or returns false when this runtime leaves the pod to the kubelet's
     * stand-in (the cluster's own add-ons, which the lab shows as running without a process).
     */
    boolean start(Pod pod) throws IOException;

    /**
     * The pod's configMap and secret volumes read again after their source changed: the files in the
     * mounted folders change in place, as the kubelet updates them ({@code subPath} mounts keep theirs).
     */
    default void updateVolumes(String namespace, String pod, List<Volume> volumes) throws IOException {
    }

    /** The containers' states now; empty for a pod this runtime does not run. */
    List<ContainerStatus> statuses(String namespace, String pod);

    /** Events since the last call (the kubelet records them). */
    List<Event> drainEvents();

    /** What the container wrote to stdout and stderr; {@code previous} is the last terminated run's. */
    Optional<String> logs(String namespace, String pod, String container, boolean previous);

    /**
     * The file the container's current run writes its output to, and whether that run still goes: what
     * {@code kubectl logs -f} follows until the run ends. Empty for a container this runtime does not run.
     */
    default Optional<LiveLog> liveLog(String namespace, String pod, String container) {
        return Optional.empty();
    }

    /** A run's output file as it grows; {@code running} turns false for good once the run has ended. */
    record LiveLog(java.nio.file.Path file, java.util.function.BooleanSupplier running) {
    }

    /** SIGTERM to every container, SIGKILL after {@code grace}; completes when all are gone. */
    CompletableFuture<Void> stop(String namespace, String pod, Duration grace);

    /** Kills every container at once (the lab's teardown). */
    void stopAll();

    /**
     * {@code listener} gets a pod's key ({@link Pod#key()}) whenever one of its containers' states changed
     * or an event about it waits: the kubelet then writes that pod's status, not every pod's.
     */
    void onChange(java.util.function.Consumer<String> listener);

    /**
     * The cluster DNS servers this runtime runs for CoreDNS's image, which answer the names the
     * controllers publish; empty when the runtime runs none (CoreDNS then shows running with no process).
     */
    default java.util.Optional<ClusterNames> clusterNames() {
        return java.util.Optional.empty();
    }
}
