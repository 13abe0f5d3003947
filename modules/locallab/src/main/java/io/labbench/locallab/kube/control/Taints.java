package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Taint/toleration, nodeSelector and required node affinity matching, shared by the scheduler and the
 * DaemonSet controller (whose pods name their node with a {@code metadata.name} matchFields term).
 */
final class Taints {
    private Taints() {
    }

    /** The first NoSchedule/NoExecute taint of {@code node} that {@code podSpec} does not tolerate. */
    static Optional<JsonNode> untolerated(JsonNode node, JsonNode podSpec) {
        for (JsonNode taint : node.path("spec").path("taints")) {
            String effect = taint.path("effect").asText();
            if (!effect.equals("NoSchedule") && !effect.equals("NoExecute")) {
                continue;
            }
            boolean tolerated = false;
            for (JsonNode t : podSpec.path("tolerations")) {
                tolerated |= tolerates(t, taint);
            }
            if (!tolerated) {
                return Optional.of(taint);
            }
        }
        return Optional.empty();
    }

    private static boolean tolerates(JsonNode toleration, JsonNode taint) {
        String effect = toleration.path("effect").asText("");
        if (!effect.isEmpty() && !effect.equals(taint.path("effect").asText())) {
            return false;
        }
        String key = toleration.path("key").asText("");
        if (toleration.path("operator").asText("Equal").equals("Exists")) {
            return key.isEmpty() || key.equals(taint.path("key").asText());
        }
        return key.equals(taint.path("key").asText())
                && toleration.path("value").asText("").equals(taint.path("value").asText(""));
    }

    static boolean selectorMatches(JsonNode node, JsonNode podSpec) {
        JsonNode labels = node.path("metadata").path("labels");
        var it = podSpec.path("nodeSelector").fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!labels.has(e.getKey()) || !labels.get(e.getKey()).asText().equals(e.getValue().asText())) {
                return false;
            }
        }
        JsonNode required = podSpec.path("affinity").path("nodeAffinity")
                .path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms");
        if (!required.isArray() || required.isEmpty()) {
            return true;
        }
        for (JsonNode term : required) {
            if (termMatches(node, term)) {
                return true; // terms are ORed
            }
        }
        return false;
    }

    /** The node a DaemonSet pod is meant for (its {@code metadata.name In [node]} term), or "". */
    static String affinityNodeName(JsonNode podSpec) {
        for (JsonNode term : podSpec.path("affinity").path("nodeAffinity")
                .path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms")) {
            for (JsonNode field : term.path("matchFields")) {
                if (field.path("key").asText().equals("metadata.name") && field.path("operator").asText().equals("In")
                        && field.path("values").size() == 1) {
                    return field.path("values").get(0).asText();
                }
            }
        }
        return "";
    }

    private static boolean termMatches(JsonNode node, JsonNode term) {
        JsonNode labels = node.path("metadata").path("labels");
        for (JsonNode e : term.path("matchExpressions")) {
            JsonNode value = labels.get(e.path("key").asText());
            if (!requirementMatches(value == null ? null : value.asText(), e)) {
                return false;
            }
        }
        for (JsonNode f : term.path("matchFields")) {
            String value = f.path("key").asText().equals("metadata.name") ? node.path("metadata").path("name").asText() : null;
            if (!requirementMatches(value, f)) {
                return false;
            }
        }
        return true;
    }

    private static boolean requirementMatches(String value, JsonNode requirement) {
        java.util.Set<String> values = new java.util.HashSet<>();
        requirement.path("values").forEach(v -> values.add(v.asText()));
        return switch (requirement.path("operator").asText()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false; // Gt/Lt: no node label in the lab is a number
        };
    }
}
