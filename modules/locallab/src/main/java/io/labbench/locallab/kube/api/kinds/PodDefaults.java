package io.labbench.locallab.kube.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.Json;
import java.util.ArrayList;
import java.util.List;

/** The pod spec defaults of {@code pkg/apis/core/v1/defaults.go}, for pods and for workloads' pod templates. */
final class PodDefaults {
    private PodDefaults() {
    }

    static void apply(ObjectNode spec) {
        spec.put("restartPolicy", spec.path("restartPolicy").asText("Always"));
        if (!spec.has("terminationGracePeriodSeconds")) {
            spec.put("terminationGracePeriodSeconds", 30);
        }
        spec.put("dnsPolicy", spec.path("dnsPolicy").asText("ClusterFirst"));
        String sa = spec.path("serviceAccountName").asText("default");
        spec.put("serviceAccountName", sa);
        spec.put("serviceAccount", sa);
        spec.putIfAbsent("securityContext", Json.object());
        spec.put("schedulerName", spec.path("schedulerName").asText("default-scheduler"));
        if (!spec.has("enableServiceLinks")) {
            spec.put("enableServiceLinks", true);
        }
        if (!spec.has("priority")) {
            spec.put("priority", spec.path("priorityClassName").asText().startsWith("system-") ? 2000001000 : 0);
        }
        spec.put("preemptionPolicy", spec.path("preemptionPolicy").asText("PreemptLowerPriority"));
        if (!spec.has("tolerations")) {
            ArrayNode t = spec.putArray("tolerations");
            for (String key : List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable")) {
                t.addObject().put("key", key).put("operator", "Exists").put("effect", "NoExecute")
                        .put("tolerationSeconds", 300);
            }
        }
        for (JsonNode c : spec.path("containers")) {
            ObjectNode container = (ObjectNode) c;
            String image = container.path("image").asText();
            boolean latest = !image.contains(":") || image.endsWith(":latest");
            container.put("imagePullPolicy", container.path("imagePullPolicy").asText(latest ? "Always" : "IfNotPresent"));
            container.put("terminationMessagePath", container.path("terminationMessagePath").asText("/dev/termination-log"));
            container.put("terminationMessagePolicy", container.path("terminationMessagePolicy").asText("File"));
            container.putIfAbsent("resources", Json.object());
            for (JsonNode p : container.path("ports")) {
                ((ObjectNode) p).put("protocol", p.path("protocol").asText("TCP"));
                if (spec.path("hostNetwork").asBoolean() && !p.has("hostPort")) {
                    ((ObjectNode) p).put("hostPort", p.path("containerPort").asInt());
                }
            }
        }
    }

    /** Field errors of a pod spec at {@code prefix} ({@code spec} or {@code spec.template.spec}). */
    static List<String> validate(JsonNode spec, String prefix) {
        List<String> errors = new ArrayList<>();
        JsonNode containers = spec.path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            errors.add(prefix + ".containers: Required value");
        }
        for (int i = 0; i < containers.size(); i++) {
            JsonNode c = containers.get(i);
            if (c.path("name").asText("").isEmpty()) {
                errors.add(prefix + ".containers[" + i + "].name: Required value");
            }
            if (c.path("image").asText("").isEmpty()) {
                errors.add(prefix + ".containers[" + i + "].image: Required value");
            }
        }
        return errors;
    }
}
