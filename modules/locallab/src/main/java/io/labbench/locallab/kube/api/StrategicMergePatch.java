package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Applies a strategic-merge patch (what {@code kubectl apply}, {@code label}, {@code annotate} and
 * {@code scale} send) for the built-in types the lab serves: lists of containers, ports, env, volumes
 * … merge by their key, {@code $patch}, {@code $setElementOrder} and {@code $deleteFromPrimitiveList}
 * directives are honoured, {@code null} deletes. A JSON merge patch is the same minus the list rules.
 */
public final class StrategicMergePatch {

    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("containers", "name"), Map.entry("initContainers", "name"),
            Map.entry("ephemeralContainers", "name"), Map.entry("env", "name"), Map.entry("volumes", "name"),
            Map.entry("volumeMounts", "mountPath"), Map.entry("volumeDevices", "devicePath"),
            Map.entry("imagePullSecrets", "name"), Map.entry("ownerReferences", "uid"),
            Map.entry("conditions", "type"), Map.entry("hostAliases", "ip"),
            Map.entry("topologySpreadConstraints", "topologyKey"), Map.entry("containerStatuses", "name"));

    private StrategicMergePatch() {
    }

    /** Returns a patched copy of {@code target}. */
    public static ObjectNode apply(JsonNode target, JsonNode patch, boolean strategic) {
        ObjectNode result = target.deepCopy();
        merge(result, patch, strategic, "");
        return result;
    }

    private static void merge(ObjectNode target, JsonNode patch, boolean strategic, String parentKey) {
        if (strategic && patch.path("$patch").asText().equals("replace")) {
            target.removeAll();
        }
        Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (strategic && key.startsWith("$")) {
                if (key.startsWith("$deleteFromPrimitiveList/")) {
                    String field = key.substring("$deleteFromPrimitiveList/".length());
                    JsonNode list = target.path(field);
                    if (list.isArray()) {
                        ArrayNode kept = Json.array();
                        list.forEach(v -> {
                            boolean drop = false;
                            for (JsonNode d : value) {
                                drop |= d.equals(v);
                            }
                            if (!drop) {
                                kept.add(v);
                            }
                        });
                        target.set(field, kept);
                    }
                }
                continue;
            }
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && target.path(key).isObject()) {
                if (strategic && value.path("$patch").asText().equals("delete")) {
                    target.remove(key);
                } else {
                    merge((ObjectNode) target.get(key), value, strategic, key);
                }
            } else if (value.isObject()) {
                ObjectNode fresh = Json.object();
                merge(fresh, value, strategic, key);
                target.set(key, fresh);
            } else if (strategic && value.isArray() && target.path(key).isArray() && mergeKey(key, parentKey) != null) {
                target.set(key, mergeList((ArrayNode) target.get(key), (ArrayNode) value, mergeKey(key, parentKey), key));
            } else if (strategic && value.isArray() && key.equals("finalizers") && target.path(key).isArray()) {
                ArrayNode union = ((ArrayNode) target.get(key)).deepCopy();
                value.forEach(v -> {
                    boolean present = false;
                    for (JsonNode x : union) {
                        present |= x.equals(v);
                    }
                    if (!present) {
                        union.add(v);
                    }
                });
                target.set(key, union);
            } else {
                target.set(key, stripDirectives(value));
            }
        }
    }

    private static String mergeKey(String key, String parentKey) {
        if (key.equals("ports")) {
            return parentKey.endsWith("ontainers") ? "containerPort" : "port";
        }
        return MERGE_KEYS.get(key);
    }

    private static ArrayNode mergeList(ArrayNode current, ArrayNode patch, String mergeKey, String listKey) {
        ArrayNode result = current.deepCopy();
        for (JsonNode p : patch) {
            if (!p.isObject()) {
                result.add(p);
                continue;
            }
            JsonNode key = p.get(mergeKey);
            int found = -1;
            for (int i = 0; i < result.size(); i++) {
                if (key != null && key.equals(result.get(i).get(mergeKey))) {
                    found = i;
                }
            }
            if (p.path("$patch").asText().equals("delete")) {
                if (found >= 0) {
                    result.remove(found);
                }
            } else if (found >= 0) {
                merge((ObjectNode) result.get(found), p, true, listKey);
            } else {
                result.add(stripDirectives(p));
            }
        }
        return result;
    }

    private static JsonNode stripDirectives(JsonNode value) {
        if (value.isObject()) {
            ObjectNode copy = Json.object();
            value.fields().forEachRemaining(e -> {
                if (!e.getKey().startsWith("$")) {
                    copy.set(e.getKey(), stripDirectives(e.getValue()));
                }
            });
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = Json.array();
            value.forEach(v -> copy.add(stripDirectives(v)));
            return copy;
        }
        return value;
    }
}
