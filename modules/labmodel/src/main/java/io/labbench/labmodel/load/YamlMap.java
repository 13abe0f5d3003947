package io.labbench.labmodel.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * One YAML mapping being read: reports duplicate keys and keys outside {@code allowed} as they are
 * found (unknown keys are usually typos, so the message suggests the nearest allowed key).
 */
final class YamlMap {
    private final MappingNode node;
    private final String what;
    private final ErrorSink errors;
    private final Map<String, Node> values = new LinkedHashMap<>();
    private final Map<String, Node> keys = new LinkedHashMap<>();

    YamlMap(MappingNode node, String what, List<String> allowed, ErrorSink errors) {
        this.node = node;
        this.what = what;
        this.errors = errors;
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar)) {
                errors.at(keyNode, "a key in " + what + " must be a plain name");
                continue;
            }
            String key = scalar.getValue();
            if (values.containsKey(key)) {
                Node first = keys.get(key);
                errors.at(keyNode, "duplicate key '" + key + "' in " + what + " (first at line "
                        + (first.getStartMark().getLine() + 1) + ")");
                continue;
            }
            if (!allowed.contains(key)) {
                errors.at(keyNode, "unknown key '" + key + "' in " + what + suggestion(key, allowed)
                        + "; expected one of: " + String.join(", ", allowed));
                continue;
            }
            values.put(key, tuple.getValueNode());
            keys.put(key, keyNode);
        }
    }

    MappingNode node() {
        return node;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    Optional<Node> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    Optional<Node> require(String key, String expected) {
        Node value = values.get(key);
        if (value == null) {
            errors.at(node, "missing key '" + key + "' in " + what + " (expected " + expected + ")");
        }
        return Optional.ofNullable(value);
    }

    Optional<Node> keyNode(String key) {
        return Optional.ofNullable(keys.get(key));
    }

    java.util.Set<String> presentKeys() {
        return values.keySet();
    }

    private static String suggestion(String key, List<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(key.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
