package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.Store;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes core/v1 Events the way the real components do ({@code default-scheduler},
 * {@code replicaset-controller}, {@code kubelet}); a repeat of the same reason and message on the same
 * object raises the count instead of adding an event, as the event broadcaster does.
 */
public final class EventRecorder {

    /** Who reports: component and, for the kubelet, the node. */
    public record Source(String component, String host) {
        public static Source of(String component) {
            return new Source(component, "");
        }
    }

    private final Store store;
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong lastStamp = new java.util.concurrent.atomic.AtomicLong();

    public EventRecorder(Store store) {
        this.store = store;
    }

    public void normal(JsonNode object, String reason, String message, Source source) {
        record(object, "Normal", reason, message, source, "");
    }

    /** An event about one container, e.g. {@code spec.containers{nginx}}. */
    public void container(JsonNode pod, String container, String reason, String message, Source source) {
        record(pod, "Normal", reason, message, source, "spec.containers{" + container + "}");
    }

    /** A warning about one container, e.g. {@code BackOff} for a crash-looping one. */
    public void containerWarning(JsonNode pod, String container, String reason, String message, Source source) {
        record(pod, "Warning", reason, message, source, "spec.containers{" + container + "}");
    }

    public void warning(JsonNode object, String reason, String message, Source source) {
        record(object, "Warning", reason, message, source, "");
    }

    private long nextStamp() {
        long now = System.currentTimeMillis() * 1_000_000L;
        return lastStamp.updateAndGet(prev -> Math.max(prev + 1, now));
    }

    private void record(JsonNode object, String type, String reason, String message, Source source,
                        String fieldPath) {
        String namespace = Meta.namespace(object).isEmpty() ? "default" : Meta.namespace(object);
        String key = Meta.uid(object) + "|" + fieldPath + "|" + reason + "|" + message;
        String now = Meta.now();
        String existing = seen.get(key);
        if (existing != null && store.update(ResourceCatalog.EVENTS, namespace, existing, e -> {
            e.put("count", e.path("count").asInt(1) + 1);
            e.put("lastTimestamp", now);
        }).isPresent()) {
            return;
        }
        // Named like the event broadcaster names them (<object>.<unix nanos in hex>), so the store lists them in time order.
        String name = Meta.name(object) + "." + Long.toHexString(nextStamp());
        ObjectNode ev = Json.object();
        ev.put("apiVersion", "v1");
        ev.put("kind", "Event");
        ev.putObject("metadata").put("name", name).put("namespace", namespace);
        ObjectNode io = ev.putObject("involvedObject");
        io.put("kind", Json.text(object, "kind"));
        io.put("namespace", Meta.namespace(object));
        io.put("name", Meta.name(object));
        io.put("uid", Meta.uid(object));
        io.put("apiVersion", Json.text(object, "apiVersion"));
        io.put("resourceVersion", Json.text(object, "metadata", "resourceVersion"));
        if (!fieldPath.isEmpty()) {
            io.put("fieldPath", fieldPath);
        }
        ev.put("reason", reason);
        ev.put("message", message);
        ObjectNode src = ev.putObject("source");
        src.put("component", source.component());
        if (!source.host().isEmpty()) {
            src.put("host", source.host());
        }
        ev.put("firstTimestamp", now);
        ev.put("lastTimestamp", now);
        ev.put("count", 1);
        ev.put("type", type);
        ev.putNull("eventTime");
        ev.put("reportingComponent", source.component());
        ev.put("reportingInstance", source.host());
        store.create(ResourceCatalog.EVENTS, namespace, ev);
        seen.put(key, name);
    }
}
