package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.ExtensionTables;
import io.labbench.locallab.kube.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ClusterRoles and ClusterRoleBindings every cluster's API server makes for itself ({@code cluster-admin},
 * {@code admin}/{@code edit}/{@code view}, {@code system:*}), from {@code default-cluster-roles.json}: what
 * {@code kubectl get clusterrole} lists beside the add-ons' own roles. {@code admin}, {@code edit} and
 * {@code view} take their rules from the roles labelled for them, as the aggregation controller fills them.
 */
final class DefaultClusterRoles {

    private static final String RESOURCE = "default-cluster-roles.json";
    private final JsonNode source;

    private DefaultClusterRoles(JsonNode source) {
        this.source = source;
    }

    static DefaultClusterRoles load() {
        try (InputStream in = DefaultClusterRoles.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the lab's classpath");
            }
            return new DefaultClusterRoles(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
    }

    /** The ClusterRole objects, aggregated roles with their rules filled in. */
    List<ObjectNode> roles() {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        source.path("roles").forEach(r -> byName.put(r.path("name").asText(), r));
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode r : byName.values()) {
            ObjectNode role = object("ClusterRole", r.path("name").asText());
            r.path("labels").fields().forEachRemaining(l -> role.with("metadata").with("labels").set(l.getKey(), l.getValue()));
            String aggregate = r.path("aggregate").asText("");
            if (aggregate.isEmpty()) {
                role.set("rules", r.path("rules").deepCopy());
            } else {
                role.putObject("aggregationRule").putArray("clusterRoleSelectors").addObject()
                        .putObject("matchLabels").put(aggregate, "true");
                role.set("rules", aggregatedRules(aggregate, byName));
            }
            out.add(role);
        }
        return out;
    }

    List<ObjectNode> bindings() {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode b : source.path("bindings")) {
            ObjectNode binding = object("ClusterRoleBinding", b.path("name").asText());
            binding.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io").put("kind", "ClusterRole")
                    .put("name", b.path("role").asText());
            binding.set("subjects", b.path("subjects").deepCopy());
            out.add(binding);
        }
        return out;
    }

    /** The rules of every role labelled {@code label: "true"}, theirs aggregated first (edit takes view's). */
    private static ArrayNode aggregatedRules(String label, Map<String, JsonNode> byName) {
        ArrayNode rules = Json.array();
        for (JsonNode r : byName.values()) {
            if (r.path("labels").path(label).asText().equals("true")) {
                String inner = r.path("aggregate").asText("");
                rules.addAll(inner.isEmpty() ? (ArrayNode) r.path("rules") : aggregatedRules(inner, byName));
            }
        }
        return rules;
    }

    private static ObjectNode object(String kind, String name) {
        ObjectNode o = Json.object();
        o.put("apiVersion", ExtensionTables.CLUSTER_ROLES.apiVersion()).put("kind", kind);
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", name);
        meta.putObject("labels").put("kubernetes.io/bootstrapping", "rbac-defaults");
        meta.putObject("annotations").put("rbac.authorization.kubernetes.io/autoupdate", "true");
        return o;
    }
}
