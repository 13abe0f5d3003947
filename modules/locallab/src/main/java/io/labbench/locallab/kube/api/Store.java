package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The cluster's object store, as etcd plus the API server's generic registry keep it: objects by kind,
 * namespace and name with label and field indexes ({@link KindIndex}), one monotonic revision of which
 * each write takes the next value as the object's {@code resourceVersion}, and a {@link ChangeLog} of
 * recent writes that watches read from any resourceVersion it still holds (older ones are 410 Gone).
 *
 * <p>Objects handed in are copied and objects handed out are copies: a caller may change what it got.
 * This is storage only; what a kind adds on create is {@link Admission}'s job.
 */
public final class Store {

    private final KindRegistry kinds;
    private final Object lock = new Object();
    private final Map<ResourceType, KindIndex> indexes = new HashMap<>();
    private final ChangeLog changes;
    private long revision;

    public Store(KindRegistry kinds) {
        this(kinds, ChangeLog.DEFAULT_CAPACITY);
    }

    /** @param changesKept how many recent writes a watch can resume from */
    public Store(KindRegistry kinds, int changesKept) {
        this.kinds = kinds;
        this.changes = new ChangeLog(changesKept);
        for (ResourceType t : kinds.types()) {
            indexes.put(t, new KindIndex(kinds.strategy(t).indexedFields()));
        }
    }

    public KindRegistry kinds() {
        return kinds;
    }

    /** The resourceVersion of the latest write (a list's {@code metadata.resourceVersion}). */
    public long revision() {
        synchronized (lock) {
            return revision;
        }
    }

    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        synchronized (lock) {
            ObjectNode o = index(type).get(ns(type, namespace), name);
            return o == null ? Optional.empty() : Optional.of(o.deepCopy());
        }
    }

    /** All objects of a type in {@code namespace} ("" = every namespace), by namespace and name. */
    public List<ObjectNode> list(ResourceType type, String namespace) {
        return listing(type, namespace, LabelSelector.parse(""), FieldSelector.parse("")).items();
    }

    /** The objects a selector picks, by namespace and name. */
    public List<ObjectNode> list(ResourceType type, String namespace, LabelSelector labels, FieldSelector fields) {
        return listing(type, namespace, labels, fields).items();
    }

    /**
     * The stored objects of a type in {@code namespace} themselves, not copies: for the controllers'
     * read-only passes over every pod (copying 110 pods six times a pass was most of an idle lab's CPU).
     * The store never changes a stored object in place, a write stores a new one, so what this returns
     * stays as it was read; callers must not change it (write through {@link #update}).
     */
    public List<ObjectNode> listShared(ResourceType type, String namespace) {
        synchronized (lock) {
            return List.copyOf(index(type).select(ns(type, namespace), LabelSelector.parse(""), FieldSelector.parse("")));
        }
    }

    /** Objects and the revision they are as of, read together (a list, then a watch from its revision). */
    public record Listing(List<ObjectNode> items, long revision) {
    }

    public Listing listing(ResourceType type, String namespace, LabelSelector labels, FieldSelector fields) {
        synchronized (lock) {
            List<ObjectNode> out = new ArrayList<>();
            for (ObjectNode o : index(type).select(ns(type, namespace), labels, fields)) {
                out.add(o.deepCopy());
            }
            return new Listing(out, revision);
        }
    }

    /**
     * Stores a new object: uid, creationTimestamp, generation 1 and the next resourceVersion are set
     * here; a {@code generateName} gets its random suffix.
     *
     * @throws StoreException 409 when the name is taken
     */
    public ObjectNode create(ResourceType type, String namespace, JsonNode object) {
        ObjectNode o = (ObjectNode) object.deepCopy();
        ObjectNode meta = o.with("metadata");
        if (type.namespaced()) {
            meta.put("namespace", namespace);
        } else {
            meta.remove("namespace");
        }
        o.put("apiVersion", type.apiVersion());
        o.put("kind", type.kind());
        synchronized (lock) {
            String name = meta.path("name").asText("");
            if (name.isEmpty() && !meta.path("generateName").asText("").isEmpty()) {
                do {
                    name = meta.path("generateName").asText() + NameSuffix.random(5);
                } while (index(type).get(ns(type, namespace), name) != null);
                meta.put("name", name);
            }
            if (name.isEmpty()) {
                throw invalid(type, "", List.of("metadata.name: Required value: name or generateName is required"));
            }
            if (index(type).get(ns(type, namespace), name) != null) {
                throw alreadyExists(type, name);
            }
            meta.put("uid", UUID.randomUUID().toString());
            meta.put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            meta.put("generation", 1);
            meta.remove("deletionTimestamp");
            meta.put("resourceVersion", Long.toString(++revision));
            index(type).put(o);
            changes.add(new ChangeLog.Change(revision, type, ChangeLog.EventType.ADDED, null, o));
            return o.deepCopy();
        }
    }

    /**
     * Replaces the object; the body's resourceVersion, when present, must be the stored one (409
     * otherwise). uid and creationTimestamp stay; generation goes up when {@code spec} changed. An object
     * marked for deletion whose last finalizer this removes leaves the store.
     */
    public ObjectNode replace(ResourceType type, String namespace, String name, JsonNode object) {
        ObjectNode o = (ObjectNode) object.deepCopy();
        synchronized (lock) {
            ObjectNode old = index(type).get(ns(type, namespace), name);
            if (old == null) {
                throw notFound(type, name);
            }
            ObjectNode meta = o.with("metadata");
            String rv = meta.path("resourceVersion").asText("");
            if (!rv.isEmpty() && !rv.equals(old.path("metadata").path("resourceVersion").asText())) {
                throw new StoreException(409, Json.status(409, "Conflict", "Operation cannot be fulfilled on "
                        + qualified(type) + " \"" + name + "\": the object has been modified; please apply your changes"
                        + " to the latest version and try again"));
            }
            JsonNode oldMeta = old.path("metadata");
            meta.put("name", name);
            if (type.namespaced()) {
                meta.put("namespace", ns(type, namespace));
            }
            meta.set("uid", oldMeta.path("uid"));
            meta.set("creationTimestamp", oldMeta.path("creationTimestamp"));
            if (oldMeta.has("deletionTimestamp")) {
                // once set, only the store may clear it (by removing the object)
                meta.set("deletionTimestamp", oldMeta.path("deletionTimestamp"));
            }
            long generation = oldMeta.path("generation").asLong(1);
            meta.put("generation", old.path("spec").equals(o.path("spec")) ? generation : generation + 1);
            o.put("apiVersion", type.apiVersion());
            o.put("kind", type.kind());
            meta.put("resourceVersion", Long.toString(++revision));
            if (meta.has("deletionTimestamp") && meta.path("finalizers").isEmpty()) {
                remove(type, old, o);
                return o.deepCopy();
            }
            index(type).put(o);
            changes.add(new ChangeLog.Change(revision, type, ChangeLog.EventType.MODIFIED, old, o));
            return o.deepCopy();
        }
    }

    /**
     * Read-modify-write with a retry on conflicts (kubectl may write the same object meanwhile).
     *
     * @return the stored result, or empty when the object is gone
     */
    public Optional<ObjectNode> update(ResourceType type, String namespace, String name, Consumer<ObjectNode> change) {
        for (int attempt = 0; ; attempt++) {
            Optional<ObjectNode> current = get(type, namespace, name);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            ObjectNode changed = current.get().deepCopy();
            change.accept(changed);
            if (changed.equals(current.get())) {
                return current;
            }
            try {
                return Optional.of(replace(type, namespace, name, changed));
            } catch (StoreException e) {
                if (e.code() == 404) {
                    return Optional.empty();
                }
                if (e.code() != 409 || attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    /**
     * Removes the object at once, or, while it has finalizers, marks it ({@code deletionTimestamp}) so
     * it leaves when the last one is removed.
     *
     * @return false when there was no such object
     */
    public boolean delete(ResourceType type, String namespace, String name) {
        synchronized (lock) {
            ObjectNode old = index(type).get(ns(type, namespace), name);
            if (old == null) {
                return false;
            }
            ObjectNode o = old.deepCopy();
            ObjectNode meta = o.with("metadata");
            meta.put("resourceVersion", Long.toString(++revision));
            if (!meta.path("finalizers").isEmpty()) {
                if (!meta.has("deletionTimestamp")) {
                    meta.put("deletionTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
                    meta.put("deletionGracePeriodSeconds", 0);
                    index(type).put(o);
                    changes.add(new ChangeLog.Change(revision, type, ChangeLog.EventType.MODIFIED, old, o));
                } else {
                    --revision;
                }
                return true;
            }
            remove(type, old, o);
            return true;
        }
    }

    private void remove(ResourceType type, ObjectNode old, ObjectNode last) {
        index(type).remove(old);
        changes.add(new ChangeLog.Change(revision, type, ChangeLog.EventType.DELETED, old, last));
        kinds.strategy(type).afterDelete(last);
    }

    /**
     * The writes to {@code type} after {@code resourceVersion}, oldest first.
     *
     * @throws StoreException 410 Gone when the log no longer reaches back that far
     */
    public ChangeLog.Since changesSince(ResourceType type, long resourceVersion) {
        synchronized (lock) {
            return new ChangeLog.Since(changes.since(type, resourceVersion), Math.max(resourceVersion, revision));
        }
    }

    private KindIndex index(ResourceType type) {
        KindIndex i = indexes.get(type);
        if (i == null) {
            throw new IllegalArgumentException("the local API server does not serve " + type.plural());
        }
        return i;
    }

    private static String ns(ResourceType type, String namespace) {
        return type.namespaced() && namespace != null ? namespace : "";
    }

    static String qualified(ResourceType type) {
        return type.plural() + (type.group().isEmpty() ? "" : "." + type.group());
    }

    /** 404 as the real server words it. */
    public static StoreException notFound(ResourceType type, String name) {
        return new StoreException(404, withDetails(Json.status(404, "NotFound",
                qualified(type) + " \"" + name + "\" not found"), type, name));
    }

    static StoreException alreadyExists(ResourceType type, String name) {
        return new StoreException(409, withDetails(Json.status(409, "AlreadyExists",
                qualified(type) + " \"" + name + "\" already exists"), type, name));
    }

    /**
     * 422 Invalid with the field errors ({@code field: message}), as the real server sends it: the message
     * {@code Pod "x" is invalid: spec.containers: Required value}, and details naming the kind and one cause
     * per field, from which kubectl prints {@code The Pod "x" is invalid: …}.
     */
    public static StoreException invalid(ResourceType type, String name, List<String> errors) {
        String causes = errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
        String kind = type.kind() + (type.group().isEmpty() ? "" : "." + type.group());
        ObjectNode s = (ObjectNode) Json.parse(Json.status(422, "Invalid", kind + " \"" + name + "\" is invalid: " + causes));
        ObjectNode details = s.putObject("details");
        details.put("name", name);
        if (!type.group().isEmpty()) {
            details.put("group", type.group());
        }
        details.put("kind", type.kind());
        var list = details.putArray("causes");
        for (String error : errors) {
            int colon = error.indexOf(": ");
            String message = colon < 0 ? error : error.substring(colon + 2);
            String reason = message.startsWith("Required value") ? "FieldValueRequired"
                    : message.startsWith("Unsupported value") ? "FieldValueNotSupported" : "FieldValueInvalid";
            list.addObject().put("reason", reason).put("message", message).put("field", colon < 0 ? "" : error.substring(0, colon));
        }
        return new StoreException(422, Json.write(s));
    }

    private static String withDetails(String status, ResourceType type, String name) {
        ObjectNode s = (ObjectNode) Json.parse(status);
        ObjectNode details = s.putObject("details");
        details.put("name", name);
        if (!type.group().isEmpty()) {
            details.put("group", type.group());
        }
        details.put("kind", type.plural());
        return Json.write(s);
    }
}
