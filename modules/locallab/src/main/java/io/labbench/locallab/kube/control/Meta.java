package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Small readers and builders of object metadata shared by the controllers. */
final class Meta {
    private Meta() {
    }

    static String name(JsonNode o) {
        return Json.text(o, "metadata", "name");
    }

    static String namespace(JsonNode o) {
        return Json.text(o, "metadata", "namespace");
    }

    static String uid(JsonNode o) {
        return Json.text(o, "metadata", "uid");
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The owner reference a controller puts on what it creates. */
    static ObjectNode ownerReference(JsonNode owner) {
        ObjectNode ref = Json.object();
        ref.put("apiVersion", Json.text(owner, "apiVersion"));
        ref.put("kind", Json.text(owner, "kind"));
        ref.put("name", name(owner));
        ref.put("uid", uid(owner));
        ref.put("controller", true);
        ref.put("blockOwnerDeletion", true);
        return ref;
    }

    /** The uid of the controlling owner, or "". */
    static String controllerUid(JsonNode o) {
        for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean()) {
                return ref.path("uid").asText();
            }
        }
        return "";
    }

    static boolean terminated(JsonNode pod) {
        String phase = Json.text(pod, "status", "phase");
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    static boolean running(JsonNode pod) {
        return Json.text(pod, "status", "phase").equals("Running");
    }
}
