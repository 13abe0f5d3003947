package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 6902 JSON patches ({@code kubectl patch --type=json}), applied with fabric8's zjsonpatch. It
 * works on Jackson 3 trees, the rest of the server on Jackson 2 ones: the patch is rare enough to
 * cross between them as text.
 */
final class JsonPatch {

    private static final JsonMapper JACKSON3 = JsonMapper.builder().build();

    private JsonPatch() {
    }

    static ObjectNode apply(ObjectNode current, String patch) {
        tools.jackson.databind.JsonNode result;
        try {
            result = io.fabric8.zjsonpatch.JsonPatch.apply(JACKSON3.readTree(patch), JACKSON3.readTree(Json.write(current)));
        } catch (RuntimeException e) {
            throw new BadRequestException("the JSON patch does not apply: " + e.getMessage());
        }
        JsonNode back = Json.parse(JACKSON3.writeValueAsString(result));
        if (!back.isObject()) {
            throw new BadRequestException("the JSON patch does not leave an object");
        }
        return (ObjectNode) back;
    }
}
