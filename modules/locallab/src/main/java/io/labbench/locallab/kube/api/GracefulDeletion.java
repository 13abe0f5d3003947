package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Deleting a pod the way the real API server does: a pod bound to a node is only marked
 * ({@code deletionTimestamp} = now + grace period, {@code deletionGracePeriodSeconds}) and shows
 * {@code Terminating}; its node's kubelet stops it, tears its network down and then removes the
 * object. A pod that never reached a node, or a delete with {@code --grace-period=0}, goes at once.
 *
 * <p>The store removes an object whose {@code deletionTimestamp} is set unless it still has a
 * finalizer, so a marked pod carries {@link #FINALIZER} until its kubelet is done ({@link #finish});
 * the DELETE answer leaves it out, {@code kubectl get -o yaml} shows it while the pod is Terminating.
 */
public final class GracefulDeletion {

    /** {@code spec.terminationGracePeriodSeconds} when the pod does not say. */
    static final long DEFAULT_GRACE_SECONDS = 30;
    /** Holds a Terminating pod in the store until its kubelet has stopped it. */
    public static final String FINALIZER = "labbench.io/kubelet-teardown";

    private GracefulDeletion() {
    }

    public static boolean terminating(JsonNode pod) {
        return pod.path("metadata").has("deletionTimestamp");
    }

    /**
     * Deletes or marks {@code pod}.
     *
     * @param requestedGrace {@code gracePeriodSeconds} of the DeleteOptions, if the client sent one
     * @return the pod as the DELETE answers it (marked, or as it was when removed); empty if it was already gone
     */
    public static Optional<ObjectNode> delete(Store store, ObjectNode pod, OptionalLong requestedGrace) {
        String namespace = Json.text(pod, "metadata", "namespace");
        String name = Json.text(pod, "metadata", "name");
        long grace = requestedGrace.orElse(pod.path("spec").path("terminationGracePeriodSeconds").asLong(DEFAULT_GRACE_SECONDS));
        if (terminating(pod)) {
            // a second delete only matters when it forces (--grace-period=0 --force)
            if (grace <= 0) {
                finish(store, pod);
            }
            return Optional.of(withoutFinalizer(pod));
        }
        if (Json.text(pod, "spec", "nodeName").isEmpty() || grace <= 0) {
            return store.delete(ResourceCatalog.PODS, namespace, name) ? Optional.of(pod) : Optional.empty();
        }
        String at = Instant.now().plusSeconds(grace).truncatedTo(ChronoUnit.SECONDS).toString();
        return store.update(ResourceCatalog.PODS, namespace, name, p -> {
            if (!terminating(p)) {
                ObjectNode meta = p.with("metadata");
                meta.put("deletionTimestamp", at).put("deletionGracePeriodSeconds", grace);
                meta.withArray("finalizers").add(FINALIZER);
            }
        }).map(GracefulDeletion::withoutFinalizer);
    }

    /** Removes a Terminating pod for good (its kubelet has stopped it, or its node is gone). */
    public static void finish(Store store, JsonNode pod) {
        String namespace = Json.text(pod, "metadata", "namespace");
        String name = Json.text(pod, "metadata", "name");
        if (!terminating(pod)) {
            store.delete(ResourceCatalog.PODS, namespace, name);
            return;
        }
        store.update(ResourceCatalog.PODS, namespace, name, GracefulDeletion::dropFinalizer);
    }

    private static ObjectNode withoutFinalizer(ObjectNode pod) {
        ObjectNode copy = pod.deepCopy();
        dropFinalizer(copy);
        return copy;
    }

    private static void dropFinalizer(ObjectNode pod) {
        JsonNode finalizers = pod.path("metadata").path("finalizers");
        if (!finalizers.isArray()) {
            return;
        }
        com.fasterxml.jackson.databind.node.ArrayNode kept = Json.array();
        finalizers.forEach(f -> {
            if (!f.asText().equals(FINALIZER)) {
                kept.add(f);
            }
        });
        if (kept.isEmpty()) {
            ((ObjectNode) pod.get("metadata")).remove("finalizers");
        } else {
            ((ObjectNode) pod.get("metadata")).set("finalizers", kept);
        }
    }

    /** {@code gracePeriodSeconds} from the query ({@code ?gracePeriodSeconds=0}) or the DeleteOptions body. */
    static OptionalLong requestedGrace(String queryValue, String body) {
        if (!queryValue.isBlank()) {
            try {
                return OptionalLong.of(Long.parseLong(queryValue.trim()));
            } catch (NumberFormatException e) {
                throw new BadRequestException("gracePeriodSeconds must be a whole number of seconds, got '" + queryValue + "'");
            }
        }
        if (body == null || body.isBlank()) {
            return OptionalLong.empty();
        }
        JsonNode options = Json.parse(body);
        JsonNode grace = options.path("gracePeriodSeconds");
        return grace.isIntegralNumber() ? OptionalLong.of(grace.asLong()) : OptionalLong.empty();
    }
}
