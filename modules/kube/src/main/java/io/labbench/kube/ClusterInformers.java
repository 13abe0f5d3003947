package io.labbench.kube;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One set of informers behind the live views, started without waiting for their first lists (the
 * caller may be the JavaFX thread). {@link ClusterViews} replaces the whole set to list everything
 * again after the API server comes back.
 */
record ClusterInformers(SharedIndexInformer<Pod> pods, SharedIndexInformer<Node> nodes, SharedIndexInformer<Service> services,
                        SharedIndexInformer<Endpoints> endpoints, SharedIndexInformer<Event> events,
                        SharedIndexInformer<DaemonSet> daemonSets, SharedIndexInformer<GenericKubernetesResource> targetGroupBindings) {

    private static final ResourceDefinitionContext TARGET_GROUP_BINDINGS = new ResourceDefinitionContext.Builder()
            .withGroup("elbv2.k8s.aws").withVersion("v1beta1").withPlural("targetgroupbindings").withKind("TargetGroupBinding")
            .withNamespaced(true).build();

    static ClusterInformers start(KubernetesClient client, ResourceEventHandler<Object> handler) {
        ClusterInformers set = new ClusterInformers(
                client.pods().inAnyNamespace().runnableInformer(0),
                client.nodes().runnableInformer(0),
                client.services().inAnyNamespace().runnableInformer(0),
                client.endpoints().inAnyNamespace().runnableInformer(0),
                client.v1().events().inAnyNamespace().runnableInformer(0),
                client.apps().daemonSets().inNamespace("kube-system").runnableInformer(0),
                client.genericKubernetesResources(TARGET_GROUP_BINDINGS).inAnyNamespace().runnableInformer(0));
        // The CRD exists only once the AWS Load Balancer Controller is installed: a missing one is not an
        // error. Once it has listed, it keeps retrying like the others (or it would stop at the first restart).
        set.targetGroupBindings.exceptionHandler((started, failure) -> started);
        set.all().forEach(informer -> {
            informer.addEventHandler(handler);
            informer.start();
        });
        return set;
    }

    private Stream<SharedIndexInformer<?>> all() {
        return Stream.concat(required().stream(), Stream.of(targetGroupBindings));
    }

    /** What the views need; TargetGroupBindings are optional. */
    List<SharedIndexInformer<?>> required() {
        return List.of(pods, nodes, services, endpoints, events, daemonSets);
    }

    boolean synced() {
        return required().stream().allMatch(SharedIndexInformer::hasSynced);
    }

    boolean watching() {
        return required().stream().allMatch(SharedIndexInformer::isWatching);
    }

    /** True when a required informer has stopped: it will not recover by itself. */
    boolean anyStopped() {
        return required().stream().anyMatch(informer -> !informer.isRunning());
    }

    /** The first required informer that gave up (its first list failed), with why. */
    Optional<String> failure() {
        for (SharedIndexInformer<?> informer : required()) {
            var stopped = informer.stopped().toCompletableFuture();
            if (stopped.isCompletedExceptionally()) {
                Throwable why = stopped.handle((ok, e) -> e).join();
                Throwable root = why.getCause() != null ? why.getCause() : why;
                return Optional.of("listing " + informer.getApiTypeClass().getSimpleName() + "s failed: "
                        + String.valueOf(root.getMessage()).lines().findFirst().orElse(""));
            }
        }
        return Optional.empty();
    }

    void close() {
        all().forEach(SharedIndexInformer::close);
    }
}
