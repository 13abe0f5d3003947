package io.labbench.kube;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
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
 * a few snapshots rather than hundreds. fabric8's informers re-list after the watch breaks, which is
 * what keeps the views right across an API server restart.
 */
public final class ClusterViews implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClusterViews.class.getName());
    private static final ResourceDefinitionContext TARGET_GROUP_BINDINGS = new ResourceDefinitionContext.Builder()
            .withGroup("elbv2.k8s.aws").withVersion("v1beta1").withPlural("targetgroupbindings").withKind("TargetGroupBinding")
            .withNamespaced(true).build();

    private final KubernetesClient client;
    private final long coalesceMillis;
    private final List<Consumer<ClusterSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final ScheduledExecutorService rebuilder = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kube-views");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean rebuildPending = new AtomicBoolean();
    private volatile ClusterSnapshot latest = ClusterSnapshot.empty();

    private SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<Node> nodes;
    private SharedIndexInformer<Service> services;
    private SharedIndexInformer<Endpoints> endpoints;
    private SharedIndexInformer<Event> events;
    private SharedIndexInformer<DaemonSet> daemonSets;
    private SharedIndexInformer<GenericKubernetesResource> targetGroupBindings;

    public ClusterViews(KubernetesClient client, long coalesceMillis) {
        this.client = client;
        this.coalesceMillis = coalesceMillis;
    }

    public void addListener(Consumer<ClusterSnapshot> listener) {
        listeners.add(listener);
    }

    public ClusterSnapshot latest() {
        return latest;
    }

    /** Starts the informers; returns at once, the first snapshot follows the initial lists. */
    public ClusterViews start() {
        pods = track(client.pods().inAnyNamespace().inform(handler(), 0));
        nodes = track(client.nodes().inform(handler(), 0));
        services = track(client.services().inAnyNamespace().inform(handler(), 0));
        endpoints = track(client.endpoints().inAnyNamespace().inform(handler(), 0));
        events = track(client.v1().events().inAnyNamespace().inform(handler(), 0));
        daemonSets = track(client.apps().daemonSets().inNamespace("kube-system").inform(handler(), 0));
        try {
            targetGroupBindings = client.genericKubernetesResources(TARGET_GROUP_BINDINGS).inAnyNamespace().runnableInformer(0);
            targetGroupBindings.addEventHandler(handler());
            // The CRD exists only once the AWS Load Balancer Controller is installed: a missing one is not an error.
            targetGroupBindings.exceptionHandler((first, failure) -> false);
            targetGroupBindings.start();
            informers.add(targetGroupBindings);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "TargetGroupBinding informer not started", e);
            targetGroupBindings = null;
        }
        scheduleRebuild();
        return this;
    }

    private <T extends HasMetadata> SharedIndexInformer<T> track(SharedIndexInformer<T> informer) {
        informers.add(informer);
        return informer;
    }

    private <T> ResourceEventHandler<T> handler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                scheduleRebuild();
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                scheduleRebuild();
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                scheduleRebuild();
            }
        };
    }

    private void scheduleRebuild() {
        if (rebuildPending.compareAndSet(false, true) && !rebuilder.isShutdown()) {
            rebuilder.schedule(this::rebuild, coalesceMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void rebuild() {
        rebuildPending.set(false);
        try {
            List<Pod> podList = pods.getStore().list();
            ClusterSnapshot snapshot = new ClusterSnapshot(
                    podList.stream().map(KubeRows::pod).sorted(Comparator.comparing(PodRow::key)).toList(),
                    nodes.getStore().list().stream().map(n -> KubeRows.node(n, podList))
                            .sorted(Comparator.comparing(NodeRow::name)).toList(),
                    services.getStore().list().stream().map(s -> KubeRows.service(s, endpointsOf(s), bindingsOf(s)))
                            .sorted(Comparator.comparing(ServiceRow::namespace).thenComparing(ServiceRow::name)).toList(),
                    events.getStore().list().stream().map(KubeRows::event)
                            .sorted(Comparator.comparing(EventRow::lastSeen).reversed()).limit(500).toList(),
                    awsNode());
            latest = snapshot;
            listeners.forEach(l -> l.accept(snapshot));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not rebuild the cluster views", e);
        }
    }

    private Optional<Endpoints> endpointsOf(Service service) {
        return Optional.ofNullable(endpoints.getStore().getByKey(service.getMetadata().getNamespace() + "/" + service.getMetadata().getName()));
    }

    private List<String> bindingsOf(Service service) {
        if (targetGroupBindings == null) {
            return List.of();
        }
        return targetGroupBindings.getStore().list().stream()
                .filter(b -> service.getMetadata().getNamespace().equals(b.getMetadata().getNamespace()))
                .filter(b -> b.get("spec", "serviceRef", "name") instanceof String name && name.equals(service.getMetadata().getName()))
                .map(b -> b.getMetadata().getName())
                .sorted().toList();
    }

    private Optional<AwsNodeSettings> awsNode() {
        DaemonSet ds = daemonSets.getStore().getByKey("kube-system/aws-node");
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
        informers.forEach(SharedIndexInformer::close);
        rebuilder.shutdownNow();
    }
}
