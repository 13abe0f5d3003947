package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events of one {@code ?watch=true} request ({@code kubectl get -w}, {@code rollout status}): each
 * {@link #poll} compares the store with what the watcher has seen and returns ADDED / MODIFIED /
 * DELETED lines, as tables when kubectl asked for tables. Polling the store keeps the fabric8 store
 * untouched; a few hundred milliseconds of delay is invisible to a learner.
 */
public final class WatchFeed {

    private final Store store;
    private final ResourceType type;
    private final ApiPath path;
    private final boolean table;
    private final Map<String, JsonNode> seen = new HashMap<>();
    private boolean columnsSent;

    private WatchFeed(Store store, ResourceType type, ApiPath path, boolean table) {
        this.store = store;
        this.type = type;
        this.path = path;
        this.table = table;
    }

    /** A feed for a watch request, or empty when the path is not a watchable collection. */
    public static Optional<WatchFeed> open(Store store, String uri, String accept) {
        Optional<ApiPath> p = ApiPath.parse(uri);
        if (p.isEmpty() || !p.get().subresource().isEmpty()) {
            return Optional.empty();
        }
        Optional<ResourceType> t = ResourceCatalog.find(p.get().group(), p.get().plural());
        if (t.isEmpty()) {
            return Optional.empty();
        }
        WatchFeed feed = new WatchFeed(store, t.get(), p.get(), Tables.wanted(accept));
        String rv = p.get().param("resourceVersion");
        if (!rv.isEmpty() && !rv.equals("0")) {
            // kubectl listed first and printed that list; only what changes after it is news.
            feed.current().forEach(o -> feed.seen.put(Json.text(o, "metadata", "uid"), o));
        }
        return Optional.of(feed);
    }

    public static boolean isWatch(String uri) {
        return uri.contains("watch=true") || uri.contains("watch=1");
    }

    /** Seconds until the server ends the watch ({@code timeoutSeconds}, 30 minutes by default). */
    public long timeoutSeconds() {
        String t = path.param("timeoutSeconds");
        return t.isEmpty() ? 1800 : Long.parseLong(t);
    }

    private List<ObjectNode> current() {
        String name = path.name();
        LabelSelector labels = LabelSelector.parse(path.param("labelSelector"));
        FieldSelector fields = FieldSelector.parse(path.param("fieldSelector"));
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode o : store.list(type, path.namespace())) {
            if ((name.isEmpty() || Json.text(o, "metadata", "name").equals(name)) && labels.matches(o) && fields.matches(o)) {
                out.add(o);
            }
        }
        out.sort(java.util.Comparator.comparing((ObjectNode o) -> Json.text(o, "metadata", "namespace"))
                .thenComparing(o -> Json.text(o, "metadata", "name")));
        return out;
    }

    /** The watch lines (each ending in a newline) since the last poll. */
    public List<String> poll() {
        List<String> lines = new ArrayList<>();
        Map<String, JsonNode> now = new HashMap<>();
        for (ObjectNode o : current()) {
            String uid = Json.text(o, "metadata", "uid");
            now.put(uid, o);
            JsonNode before = seen.get(uid);
            if (before == null) {
                lines.add(line("ADDED", o));
            } else if (!Json.text(before, "metadata", "resourceVersion").equals(Json.text(o, "metadata", "resourceVersion"))) {
                lines.add(line("MODIFIED", o));
            }
        }
        for (Map.Entry<String, JsonNode> e : seen.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                lines.add(line("DELETED", e.getValue()));
            }
        }
        seen.clear();
        seen.putAll(now);
        return lines;
    }

    private String line(String kind, JsonNode object) {
        ObjectNode event = Json.object();
        event.put("type", kind);
        if (table) {
            event.set("object", Tables.table(type.plural(), List.of(object), Json.text(object, "metadata", "resourceVersion"),
                    path.param("includeObject").equals("Object"), Instant.now(), !columnsSent));
            columnsSent = true;
        } else {
            event.set("object", object);
        }
        return Json.write(event) + "\n";
    }
}
