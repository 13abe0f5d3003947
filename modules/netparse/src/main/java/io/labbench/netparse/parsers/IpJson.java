package io.labbench.netparse.parsers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads iproute2's {@code -j} output (a JSON array of objects) element by element, so that output cut by
 * {@code head} still yields the objects before the cut, with a diagnostic at the line of the cut.
 */
final class IpJson {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build());

    private IpJson() {
    }

    static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '[' || c == '{';
            }
        }
        return false;
    }

    /**
     * The array's objects that carry {@code key} (every object of that {@code ip -j} command has it:
     * {@code ifname} for link and addr, {@code dst} for route, {@code priority} for rule). Any other JSON
     * (a log line, another tool's output) is reported at its line as not what {@code command} prints.
     */
    static List<JsonNode> objects(String text, Diagnostics diagnostics, String key, String command) {
        List<JsonNode> objects = new ArrayList<>();
        try (JsonParser p = MAPPER.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                int line = line(text, p.currentTokenLocation());
                keep(MAPPER.readTree(p), line, objects, diagnostics, key, command);
                return objects;
            }
            if (first != JsonToken.START_ARRAY) {
                diagnostics.add(1, "expected a JSON array as printed by " + command);
                return objects;
            }
            JsonToken t;
            while ((t = p.nextToken()) != null && t != JsonToken.END_ARRAY) {
                if (t == JsonToken.START_OBJECT) {
                    int line = line(text, p.currentTokenLocation());
                    keep(MAPPER.readTree(p), line, objects, diagnostics, key, command);
                } else {
                    diagnostics.add(line(text, p.currentLocation()), "expected a JSON object in the array, found " + t);
                    p.skipChildren();
                }
            }
            if (t == null) {
                diagnostics.add(line(text, p.currentLocation()), "JSON ends before the closing ']' (output cut short?)");
            }
        } catch (IOException | RuntimeException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException jp && jp.getLocation() != null
                    ? line(text, jp.getLocation()) : 1;
            diagnostics.add(line, "invalid JSON: " + firstLine(e.getMessage()));
        }
        return objects;
    }

    private static void keep(JsonNode object, int line, List<JsonNode> objects, Diagnostics diagnostics, String key,
                             String command) {
        if (object.hasNonNull(key)) {
            objects.add(object);
        } else {
            diagnostics.add(line, "a JSON object without \"" + key + "\": expected the output of " + command);
        }
    }

    /** The 1-based line of a location, counting only LF as the other parsers do (Jackson also counts CR). */
    private static int line(String text, JsonLocation location) {
        long offset = location.getCharOffset();
        if (offset < 0) {
            return Math.max(1, location.getLineNr());
        }
        int end = (int) Math.min(offset, text.length());
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? "" : v.asText();
    }

    static OptionalInt integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.canConvertToInt() && v.isIntegralNumber() ? OptionalInt.of(v.intValue()) : OptionalInt.empty();
    }

    static OptionalLong longValue(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isIntegralNumber() && v.canConvertToLong() ? OptionalLong.of(v.longValue()) : OptionalLong.empty();
    }

    static List<String> strings(JsonNode node, String field) {
        JsonNode v = node.get(field);
        List<String> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            for (JsonNode e : v) {
                if (e.isValueNode()) {
                    out.add(e.asText());
                }
            }
        }
        return out;
    }
}
