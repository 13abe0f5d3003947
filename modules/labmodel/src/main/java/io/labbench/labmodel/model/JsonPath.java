package io.labbench.labmodel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The small JSON path subset labs need: {@code $}, {@code .name}, {@code ['name']} (for keys with
 * dots or dashes) and {@code [N]} (negative counts from the end). Filters and wildcards are left out
 * on purpose: a capture must name one value.
 */
public record JsonPath(String text, List<Segment> segments) {

    public sealed interface Segment {
    }

    public record Field(String name) implements Segment {
    }

    public record Index(int index) implements Segment {
    }

    /** A path that could not be read, with the 0-based offset in the path text where reading stopped. */
    public record ParseError(int offset, String message) {
    }

    /** The path, or why it is not one. */
    public sealed interface Parsed {
    }

    public record Ok(JsonPath path) implements Parsed {
    }

    public record Bad(ParseError error) implements Parsed {
    }

    public JsonPath {
        segments = List.copyOf(segments);
    }

    public static Parsed parse(String text) {
        if (text == null || !text.startsWith("$")) {
            return new Bad(new ParseError(0, "a JSON path starts with '$', e.g. $.status.podIP"));
        }
        List<Segment> segments = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                        || text.charAt(i) == '-')) {
                    i++;
                }
                if (i == start) {
                    return new Bad(new ParseError(start, "expected a field name after '.'"));
                }
                segments.add(new Field(text.substring(start, i)));
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    return new Bad(new ParseError(i, "'[' is not closed by ']'"));
                }
                String inner = text.substring(i + 1, close).trim();
                if (inner.length() >= 2 && (inner.startsWith("'") && inner.endsWith("'")
                        || inner.startsWith("\"") && inner.endsWith("\""))) {
                    segments.add(new Field(inner.substring(1, inner.length() - 1)));
                } else {
                    try {
                        segments.add(new Index(Integer.parseInt(inner)));
                    } catch (NumberFormatException e) {
                        return new Bad(new ParseError(i + 1, "expected an index [0] or a quoted key ['name'], found [" + inner + "]"));
                    }
                }
                i = close + 1;
            } else {
                return new Bad(new ParseError(i, "expected '.' or '[' at '" + text.substring(i) + "'"));
            }
        }
        return new Ok(new JsonPath(text, segments));
    }

    /** The value at this path, if every segment exists. */
    public Optional<JsonNode> select(JsonNode root) {
        JsonNode node = root;
        for (Segment segment : segments) {
            if (node == null) {
                return Optional.empty();
            }
            if (segment instanceof Field f) {
                node = node.isObject() ? node.get(f.name()) : null;
            } else if (segment instanceof Index ix) {
                if (!node.isArray()) {
                    return Optional.empty();
                }
                int index = ix.index() < 0 ? node.size() + ix.index() : ix.index();
                node = index >= 0 && index < node.size() ? node.get(index) : null;
            }
        }
        return Optional.ofNullable(node).filter(n -> !n.isMissingNode());
    }

    /** A selected value as text: strings unquoted, everything else as compact JSON. */
    public static String asText(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
