package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stored objects of one kind: by namespace and name (sorted, as lists are), plus an index of
 * every {@code label=value} and of the kind's indexed fields, so a selector with an equality clause
 * ({@code app=nginx}, {@code spec.nodeName=node-1}) reads only the objects it can match. Not
 * thread-safe: {@link Store} holds its lock around every call.
 */
final class KindIndex {

    private final List<String> indexedFields;
    /** namespace NUL name → object; NUL sorts before every name character, so keys sort by (namespace, name). */
    private final TreeMap<String, ObjectNode> byKey = new TreeMap<>();
    private final Map<String, Set<String>> byLabel = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> byField = new HashMap<>();

    KindIndex(List<String> indexedFields) {
        this.indexedFields = List.copyOf(indexedFields);
        indexedFields.forEach(f -> byField.put(f, new HashMap<>()));
    }

    private static String key(String namespace, String name) {
        return namespace + '\0' + name;
    }

    private static String key(JsonNode o) {
        return key(o.path("metadata").path("namespace").asText(""), o.path("metadata").path("name").asText(""));
    }

    ObjectNode get(String namespace, String name) {
        return byKey.get(key(namespace, name));
    }

    void put(ObjectNode o) {
        String k = key(o);
        ObjectNode old = byKey.put(k, o);
        if (old != null) {
            unindex(k, old);
        }
        o.path("metadata").path("labels").fields().forEachRemaining(e ->
                byLabel.computeIfAbsent(e.getKey() + "=" + e.getValue().asText(), x -> new HashSet<>()).add(k));
        for (String f : indexedFields) {
            byField.get(f).computeIfAbsent(field(o, f), x -> new HashSet<>()).add(k);
        }
    }

    void remove(JsonNode o) {
        String k = key(o);
        ObjectNode old = byKey.remove(k);
        if (old != null) {
            unindex(k, old);
        }
    }

    private void unindex(String k, JsonNode old) {
        old.path("metadata").path("labels").fields().forEachRemaining(e -> {
            String label = e.getKey() + "=" + e.getValue().asText();
            Set<String> keys = byLabel.get(label);
            if (keys != null && keys.remove(k) && keys.isEmpty()) {
                byLabel.remove(label);
            }
        });
        for (String f : indexedFields) {
            Map<String, Set<String>> values = byField.get(f);
            String v = field(old, f);
            Set<String> keys = values.get(v);
            if (keys != null && keys.remove(k) && keys.isEmpty()) {
                values.remove(v);
            }
        }
    }

    /** The objects in {@code namespace} ("" = all) the selectors match, by namespace and name. */
    List<ObjectNode> select(String namespace, LabelSelector labels, FieldSelector fields) {
        Set<String> narrowest = null;
        for (LabelSelector.Requirement r : labels.requirements()) {
            if ((r.operator().equals("=") || r.operator().equals("in")) && r.values().size() == 1) {
                Set<String> keys = byLabel.getOrDefault(r.key() + "=" + r.values().iterator().next(), Set.of());
                narrowest = narrowest == null || keys.size() < narrowest.size() ? keys : narrowest;
            }
        }
        for (FieldSelector.Clause c : fields.clauses()) {
            Map<String, Set<String>> values = byField.get(String.join(".", c.path()));
            if (c.equal() && values != null) {
                Set<String> keys = values.getOrDefault(c.value(), Set.of());
                narrowest = narrowest == null || keys.size() < narrowest.size() ? keys : narrowest;
            }
        }
        Collection<ObjectNode> candidates;
        if (narrowest != null) {
            candidates = new ArrayList<>();
            for (String k : new TreeSet<>(narrowest)) {
                candidates.add(byKey.get(k));
            }
        } else if (namespace.isEmpty()) {
            candidates = byKey.values();
        } else {
            candidates = byKey.subMap(namespace + '\0', namespace + '\1').values();
        }
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode o : candidates) {
            if ((namespace.isEmpty() || o.path("metadata").path("namespace").asText("").equals(namespace))
                    && labels.matches(o) && fields.matches(o)) {
                out.add(o);
            }
        }
        return out;
    }

    private static String field(JsonNode o, String dotted) {
        JsonNode at = o;
        for (String p : dotted.split("\\.")) {
            at = at.path(p);
        }
        return at.isValueNode() ? at.asText() : "";
    }
}
