package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The events of one {@code ?watch=true} request ({@code kubectl get -w}, {@code rollout status}, an
 * informer): each {@link #poll} reads the store's {@link ChangeLog} after the last revision it passed
 * and returns ADDED / MODIFIED / DELETED lines, as tables when the client asked for tables. An object
 * that starts or stops matching the watch's selectors is ADDED or DELETED, as the real watch cache
 * reports it. A watch without a resourceVersion (or with 0) first gets every matching object as ADDED;
 * one from a revision the log no longer holds gets a 410 ERROR event and ends.
 */
public final class WatchFeed {

    private final Store store;
    private final ResourceType type;
    private final TableSpec tableSpec;
    private final ApiPath path;
    private final boolean table;
    private final LabelSelector labels;
    private final FieldSelector fields;
    private final List<String> pending = new ArrayList<>();
    private long cursor;
    private boolean columnsSent;
    private boolean ended;

    private WatchFeed(Store store, ResourceType type, ApiPath path, boolean table) {
        this.store = store;
        this.type = type;
        this.tableSpec = store.kinds().strategy(type).table();
        this.path = path;
        this.table = table;
        this.labels = LabelSelector.parse(path.param("labelSelector"));
        this.fields = FieldSelector.parse(path.param("fieldSelector"));
    }

    /**
     * A feed for a watch request, or empty when the path is not a watchable collection.
     *
     * @throws BadRequestException for a selector or resourceVersion that does not parse
     */
    public static Optional<WatchFeed> open(Store store, String uri, String accept) {
        Optional<ApiPath> p = ApiPath.parse(uri);
        if (p.isEmpty() || !p.get().subresource().isEmpty()) {
            return Optional.empty();
        }
        Optional<ResourceType> t = store.kinds().find(p.get().group(), p.get().plural());
        if (t.isEmpty() || !t.get().version().equals(p.get().version())) {
            return Optional.empty();
        }
        WatchFeed feed = new WatchFeed(store, t.get(), p.get(), Tables.wanted(accept));
        String rv = p.get().param("resourceVersion");
        if (rv.isEmpty() || rv.equals("0")) {
            Store.Listing now = store.listing(feed.type, feed.path.namespace(), feed.labels, feed.fields);
            for (ObjectNode o : now.items()) {
                if (feed.named(o)) {
                    feed.pending.add(feed.line("ADDED", o));
                }
            }
            feed.cursor = now.revision();
        } else {
            try {
                feed.cursor = Long.parseLong(rv);
            } catch (NumberFormatException e) {
                throw new BadRequestException("resourceVersion: Invalid value: \"" + rv + "\": must be a number");
            }
        }
        return Optional.of(feed);
    }

    /** Whether the request asks to watch ({@code watch=true} or {@code watch=1}). */
    public static boolean isWatch(String uri) {
        Optional<ApiPath> p = ApiPath.parse(uri);
        return p.isPresent() && (p.get().param("watch").equals("true") || p.get().param("watch").equals("1"));
    }

    /** Seconds until the server ends the watch ({@code timeoutSeconds}, 30 minutes by default). */
    public long timeoutSeconds() {
        String t = path.param("timeoutSeconds");
        try {
            return t.isEmpty() ? 1800 : Long.parseLong(t);
        } catch (NumberFormatException e) {
            return 1800;
        }
    }

    /** True after an ERROR event: the client must list again. */
    public boolean ended() {
        return ended;
    }

    /** The watch lines (each ending in a newline) since the last poll. */
    public List<String> poll() {
        List<String> lines = new ArrayList<>(pending);
        pending.clear();
        if (ended) {
            return lines;
        }
        ChangeLog.Since since;
        try {
            since = store.changesSince(type, cursor);
        } catch (StoreException e) {
            ObjectNode event = Json.object();
            event.put("type", "ERROR");
            event.set("object", Json.parse(e.getMessage()));
            lines.add(Json.write(event) + "\n");
            ended = true;
            return lines;
        }
        for (ChangeLog.Change c : since.changes()) {
            boolean before = matches(c.before());
            boolean after = matches(c.after());
            switch (c.eventType()) {
                case ADDED -> {
                    if (after) {
                        lines.add(line("ADDED", c.after()));
                    }
                }
                case MODIFIED -> {
                    if (before && after) {
                        lines.add(line("MODIFIED", c.after()));
                    } else if (after) {
                        lines.add(line("ADDED", c.after()));
                    } else if (before) {
                        lines.add(line("DELETED", c.after()));
                    }
                }
                case DELETED -> {
                    if (before || after) {
                        lines.add(line("DELETED", c.after()));
                    }
                }
            }
        }
        cursor = since.revision();
        return lines;
    }

    private boolean matches(JsonNode o) {
        if (o == null) {
            return false;
        }
        String ns = path.namespace();
        return (ns.isEmpty() || Json.text(o, "metadata", "namespace").equals(ns)) && named(o)
                && labels.matches(o) && fields.matches(o);
    }

    private boolean named(JsonNode o) {
        return path.name().isEmpty() || Json.text(o, "metadata", "name").equals(path.name());
    }

    private String line(String kind, JsonNode object) {
        ObjectNode event = Json.object();
        event.put("type", kind);
        if (table) {
            event.set("object", Tables.table(tableSpec, List.of(object), Json.text(object, "metadata", "resourceVersion"),
                    path.param("includeObject").equals("Object"), Instant.now(), !columnsSent));
            columnsSent = true;
        } else {
            event.set("object", object);
        }
        return Json.write(event) + "\n";
    }
}
