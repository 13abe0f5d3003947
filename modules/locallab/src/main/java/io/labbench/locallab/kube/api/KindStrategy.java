package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything the API server knows about one kind, as Kubernetes' {@code pkg/registry/<group>/<kind>/strategy.go}
 * holds it: the defaults a create fills in, the validation it must pass, the columns {@code kubectl get}
 * prints, how a delete goes (at once, or gracefully) and which fields are indexed for selectors. Adding a
 * kind is one implementation of this interface in {@link KindRegistry}'s list, plus its test.
 */
public interface KindStrategy {

    /** The kind as discovery describes it. */
    ResourceType type();

    /**
     * Fills in what the real API server defaults on create ({@code PrepareForCreate} plus defaulting).
     * Must be idempotent: controllers may admit an object the API path has already admitted.
     *
     * @param store for what defaults read from the cluster (a namespace's LimitRanges)
     */
    default void prepareForCreate(Store store, String namespace, ObjectNode object) {
    }

    /**
     * Field errors of an object being created, or replaced or patched through the API, each as the real
     * server words it ({@code spec.containers: Required value}); empty when valid.
     */
    default List<String> validate(ObjectNode object) {
        return List.of();
    }

    /** The server-side table of {@code kubectl get}. */
    default TableSpec table() {
        return TableSpec.NAME_AND_AGE;
    }

    /**
     * Deletes {@code object} as a DELETE request asks; kinds without a grace period go at once.
     *
     * @param requestedGrace {@code gracePeriodSeconds} of the DeleteOptions, if the client sent one
     * @return the object as the DELETE answers it, or empty when it was already gone
     */
    default Optional<ObjectNode> delete(Store store, ObjectNode object, OptionalLong requestedGrace) {
        String namespace = Json.text(object, "metadata", "namespace");
        String name = Json.text(object, "metadata", "name");
        return store.delete(type(), namespace, name) ? Optional.of(object) : Optional.empty();
    }

    /** Called once the object has left the store (release what it held, e.g. a ClusterIP). */
    default void afterDelete(ObjectNode object) {
    }

    /**
     * Dotted field paths the store indexes for field selectors ({@code spec.nodeName} of pods, which
     * each kubelet and {@code kubectl describe node} select on).
     */
    default List<String> indexedFields() {
        return List.of();
    }
}
