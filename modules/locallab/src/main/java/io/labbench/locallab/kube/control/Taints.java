package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Taint/toleration and nodeSelector matching, shared by the scheduler and the DaemonSet controller. */
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
        return true;
    }
}
