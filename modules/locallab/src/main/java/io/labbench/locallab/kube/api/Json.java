package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the API server's own documents (tables, discovery, patches). */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** {@code node.path(a).path(b)…} as text, or "" when absent. */
    public static String text(JsonNode node, String... path) {
        JsonNode at = node;
        for (String p : path) {
            at = at.path(p);
        }
        return at.isValueNode() ? at.asText() : "";
    }

    /** A Kubernetes {@code Status} failure document as the real API server sends it. */
    public static String status(int code, String reason, String message) {
        ObjectNode s = object();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.set("metadata", object());
        s.put("status", "Failure");
        s.put("message", message);
        s.put("reason", reason);
        s.put("code", code);
        return write(s);
    }
}
