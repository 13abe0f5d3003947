package io.labbench.kube;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Live cluster views fed by informers. Every change to a watched object schedules one rebuild of the
 * {@link ClusterSnapshot} a little later, so a burst (scaling a deployment to 30) reaches listeners as
 * a few snapshots rather than hundreds.
 *
 * <p>Across an API server restart: fabric8 resumes a broken watch from the last resource version, which
 * reports only the changes the server still remembers; one that lost its history (an in-memory API
 * server, the local lab's after a restart) never tells about objects deleted while it was down. So once
 * the watches are back, the views list everything again with a fresh set of informers and swap it in
 * when it has synced. Meanwhile {@link #connection()} is {@link Connection#RECONNECTING} and the last
 * snapshot stays.
 */
public final class ClusterViews implements AutoCloseable {

    /** Whether the views are live, as the learner is told. */
    public enum Connection { CONNECTING, CONNECTED, RECONNECTING, FAILED }

    private static final Logger LOG = Logger.getLogger(ClusterViews.class.getName());
    private static final long CONNECTION_CHECK_MILLIS = 500;

    private final KubernetesClient client;
    private final long coalesceMillis;
    private final List<Consumer<ClusterSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Connection>> connectionListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService rebuilder = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kube-views");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean rebuildPending = new AtomicBoolean();
    private final ResourceEventHandler<Object> handler = new ResourceEventHandler<>() {
        @Override
        public void onAdd(Object obj) {
            scheduleRebuild();
        }

        @Override
        public void onUpdate(Object oldObj, Object newObj) {
            scheduleRebuild();
        }

        @Override
        public void onDelete(Object obj, boolean deletedFinalStateUnknown) {
            scheduleRebuild();
        }
    };
    private volatile ClusterSnapshot latest = ClusterSnapshot.empty();
    private volatile Connection connection = Connection.CONNECTING;
    private volatile String failure = "";
    /** The informers the views read; replaced whole after a re-list. Only the rebuilder thread swaps it. */
    private volatile ClusterInformers current;
    /** A fresh set listing again after the API server came back, swapped in once synced. */
    private ClusterInformers relisting;
    /** After a re-list that failed, when to try again (System.nanoTime), so a flapping server is not hammered. */
    private long nextRelistNanos;

    public ClusterViews(KubernetesClient client, long coalesceMillis) {
        this.client = client;
        this.coalesceMillis = coalesceMillis;
        this.nextRelistNanos = System.nanoTime(); // nanoTime may be negative: 0 is no "long ago"
    }

    public void addListener(Consumer<ClusterSnapshot> listener) {
        listeners.add(listener);
    }

    public ClusterSnapshot latest() {
        return latest;
    }

    /** Told (on a background thread) when the views go live, lose the API server, get it back, or fail. */
    public void addConnectionListener(Consumer<Connection> listener) {
        connectionListeners.add(listener);
    }

    public Connection connection() {
        return connection;
    }

    /** Why the views are {@link Connection#FAILED} (empty otherwise). */
    public String failure() {
        return failure;
    }

    /** Starts the informers; returns at once, the first snapshot follows the initial lists. */
    public ClusterViews start() {
        current = ClusterInformers.start(client, handler);
        rebuilder.scheduleWithFixedDelay(this::checkConnection, CONNECTION_CHECK_MILLIS, CONNECTION_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Informers tell their handlers nothing about a lost API server, but each knows whether its watch is
     * up: this polls that local state (not the API server) and drives the re-list.
     */
    private void checkConnection() {
        try {
            ClusterInformers live = current;
            if (relisting != null) {
                if (relisting.synced()) {
                    current = relisting;
                    relisting = null;
                    live.close();
                    scheduleRebuild();
                    moveTo(Connection.CONNECTED);
                } else if (relisting.failure().isPresent()) {
                    // The server went away again before the list finished: try again a little later.
                    relisting.close();
                    relisting = null;
                    nextRelistNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                }
                return;
            }
            if (connection == Connection.CONNECTING && live.failure().isPresent()) {
                failure = live.failure().get();
                moveTo(Connection.FAILED);
            } else if (connection == Connection.RECONNECTING && (live.watching() || live.anyStopped())) {
                // Watches back (or an informer gave up for good): list everything again with a fresh set.
                if (System.nanoTime() - nextRelistNanos >= 0) {
                    relisting = ClusterInformers.start(client, handler);
                }
            } else if (live.watching()) {
                if (connection == Connection.CONNECTING) {
                    scheduleRebuild(); // an empty cluster sends no events: show it anyway
                    moveTo(Connection.CONNECTED);
                }
            } else if (connection == Connection.CONNECTED) {
                moveTo(Connection.RECONNECTING);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cluster views: connection check failed", e);
        }
    }

    private void moveTo(Connection now) {
        if (now != connection) {
            LOG.log(now == Connection.CONNECTED ? Level.FINE : Level.INFO, "cluster views: {0}", now);
            connection = now;
            connectionListeners.forEach(l -> l.accept(now));
        }
    }

    private void scheduleRebuild() {
        if (rebuildPending.compareAndSet(false, true) && !rebuilder.isShutdown()) {
            rebuilder.schedule(this::rebuild, coalesceMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void rebuild() {
        rebuildPending.set(false);
        ClusterInformers in = current;
        if (in == null || !in.synced()) {
            return; // a half-listed cluster would show pods without their nodes; the sync's events come back here
        }
        try {
            List<Pod> podList = in.pods().getStore().list();
            ClusterSnapshot snapshot = new ClusterSnapshot(
                    podList.stream().map(KubeRows::pod).sorted(Comparator.comparing(PodRow::key)).toList(),
                    in.nodes().getStore().list().stream().map(n -> KubeRows.node(n, podList))
                            .sorted(Comparator.comparing(NodeRow::name)).toList(),
                    in.services().getStore().list().stream().map(s -> KubeRows.service(s, endpointsOf(in, s), bindingsOf(in, s)))
                            .sorted(Comparator.comparing(ServiceRow::namespace).thenComparing(ServiceRow::name)).toList(),
                    in.events().getStore().list().stream().map(KubeRows::event)
                            .sorted(Comparator.comparing(EventRow::lastSeen).reversed()).limit(500).toList(),
                    awsNode(in));
            latest = snapshot;
            listeners.forEach(l -> l.accept(snapshot));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not rebuild the cluster views", e);
        }
    }

    private static Optional<Endpoints> endpointsOf(ClusterInformers in, Service service) {
        return Optional.ofNullable(in.endpoints().getStore().getByKey(service.getMetadata().getNamespace() + "/" + service.getMetadata().getName()));
    }

    private static List<String> bindingsOf(ClusterInformers in, Service service) {
        return in.targetGroupBindings().getStore().list().stream()
                .filter(b -> service.getMetadata().getNamespace().equals(b.getMetadata().getNamespace()))
                .filter(b -> b.get("spec", "serviceRef", "name") instanceof String name && name.equals(service.getMetadata().getName()))
                .map(b -> b.getMetadata().getName())
                .sorted().toList();
    }

    private static Optional<AwsNodeSettings> awsNode(ClusterInformers in) {
        DaemonSet ds = in.daemonSets().getStore().getByKey("kube-system/aws-node");
        if (ds == null) {
            return Optional.empty();
        }
        Map<String, String> env = new java.util.TreeMap<>();
        ds.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("aws-node"))
                .flatMap(c -> c.getEnv() == null ? java.util.stream.Stream.<EnvVar>empty() : c.getEnv().stream())
                .filter(e -> e.getValue() != null)
                .forEach(e -> env.put(e.getName(), e.getValue()));
        return Optional.of(new AwsNodeSettings(env));
    }

    @Override
    public void close() {
        rebuilder.shutdownNow();
        try {
            // A connection check still running could otherwise start a re-list after the sets below are closed.
            rebuilder.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Optional.ofNullable(current).ifPresent(ClusterInformers::close);
        Optional.ofNullable(relisting).ifPresent(ClusterInformers::close);
    }
}
