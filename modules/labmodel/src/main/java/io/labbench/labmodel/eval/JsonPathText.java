package io.labbench.labmodel.eval;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON value as a learner would type it: strings without quotes, the rest as compact JSON. */
final class JsonPathText {
    private JsonPathText() {
    }

    static String of(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
