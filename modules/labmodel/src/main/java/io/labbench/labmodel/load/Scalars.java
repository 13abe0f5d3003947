package io.labbench.labmodel.load;

import io.labbench.labmodel.model.Target;
import io.labbench.labmodel.model.Text;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads typed values out of nodes, reporting what was expected when a node is the wrong shape. */
final class Scalars {
    private final ErrorSink errors;

    Scalars(ErrorSink errors) {
        this.errors = errors;
    }

    ErrorSink errors() {
        return errors;
    }

    Optional<String> string(Node node, String what) {
        if (node instanceof ScalarNode scalar && !Tag.NULL.equals(scalar.getTag())) {
            return Optional.of(scalar.getValue());
        }
        errors.at(node, "expected " + what + " (a text), found " + describe(node));
        return Optional.empty();
    }

    Optional<String> nonBlank(Node node, String what) {
        Optional<String> value = string(node, what);
        if (value.isPresent() && value.get().isBlank()) {
            errors.at(node, "expected " + what + ", found an empty text");
            return Optional.empty();
        }
        return value;
    }

    Optional<String> matching(Node node, String what, Pattern pattern, String rule) {
        Optional<String> value = string(node, what);
        if (value.isPresent() && !pattern.matcher(value.get()).matches()) {
            errors.at(node, "'" + value.get() + "' is not a valid " + what + " (expected " + rule + ")");
            return Optional.empty();
        }
        return value;
    }

    Optional<Boolean> bool(Node node, String what) {
        Optional<String> value = string(node, what);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!Tag.BOOL.equals(node.getTag())) {
            errors.at(node, "expected true or false for " + what + ", found '" + value.get() + "'");
            return Optional.empty();
        }
        return Optional.of(Boolean.parseBoolean(value.get()));
    }

    OptionalInt integer(Node node, String what, int min, int max) {
        Optional<String> value = string(node, what);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(value.get().trim());
            if (n < min || n > max) {
                errors.at(node, "expected " + what + " between " + min + " and " + max + ", found " + n);
                return OptionalInt.empty();
            }
            return OptionalInt.of(n);
        } catch (NumberFormatException e) {
            errors.at(node, "expected a whole number for " + what + ", found '" + value.get() + "'");
            return OptionalInt.empty();
        }
    }

    /** A {@code {ko, en}} pair; both languages are required and neither may be empty. */
    Optional<Text> text(Node node, String what) {
        if (!(node instanceof MappingNode mapping)) {
            errors.at(node, "expected " + what + " as {ko: \"…\", en: \"…\"}, found " + describe(node));
            return Optional.empty();
        }
        YamlMap map = new YamlMap(mapping, what, List.of("ko", "en"), errors);
        Optional<String> ko = map.require("ko", "the Korean text").flatMap(n -> nonBlank(n, "the Korean text of " + what));
        Optional<String> en = map.require("en", "the English text").flatMap(n -> nonBlank(n, "the English text of " + what));
        if (ko.isEmpty() || en.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Text(ko.get(), en.get()));
    }

    Optional<Target> target(Node node) {
        Optional<String> name = string(node, "a target");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<Target> target = Target.parse(name.get());
        if (target.isEmpty()) {
            errors.at(node, "unknown target '" + name.get() + "'; expected one of "
                    + String.join(", ", Target.FIXED) + " or pod:NAME");
        }
        return target;
    }

    Optional<MappingNode> mapping(Node node, String what) {
        if (node instanceof MappingNode m) {
            return Optional.of(m);
        }
        errors.at(node, "expected " + what + " (a mapping of key: value), found " + describe(node));
        return Optional.empty();
    }

    Optional<SequenceNode> sequence(Node node, String what) {
        if (node instanceof SequenceNode s) {
            return Optional.of(s);
        }
        errors.at(node, "expected " + what + " (a list of '- ' items), found " + describe(node));
        return Optional.empty();
    }

    /** A flat mapping of names to texts (table row conditions, operation parameters). */
    Optional<Map<String, String>> stringMap(Node node, String what) {
        Optional<MappingNode> mapping = mapping(node, what);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        boolean ok = true;
        for (NodeTuple tuple : mapping.get().getValue()) {
            Optional<String> key = string(tuple.getKeyNode(), "a name in " + what);
            Optional<String> value = string(tuple.getValueNode(), "the value of a name in " + what);
            if (key.isPresent() && values.containsKey(key.get())) {
                errors.at(tuple.getKeyNode(), "duplicate key '" + key.get() + "' in " + what);
                ok = false;
            } else if (key.isPresent() && value.isPresent()) {
                values.put(key.get(), value.get());
            } else {
                ok = false;
            }
        }
        return ok ? Optional.of(values) : Optional.empty();
    }

    /**
     * Checks that {@code regex} compiles, with variable references standing in for literal text, and
     * points at the offending character when the value is on one line.
     */
    boolean regex(Node node, String regex, String what) {
        String probe = VariableSyntaxProbe.withPlaceholders(regex);
        try {
            Pattern.compile(probe);
            return true;
        } catch (PatternSyntaxException e) {
            int offset = probe.equals(regex) && e.getIndex() >= 0 ? e.getIndex() : 0;
            errors.at(node.getStartMark(), columnOffset(node, regex, offset),
                    "bad regex in " + what + ": " + e.getDescription()
                            + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "")
                            + " (expected a Java regular expression)");
            return false;
        }
    }

    /** Where character {@code offset} of a scalar's value sits relative to the node's start column. */
    static int columnOffset(Node node, String value, int offset) {
        if (!(node instanceof ScalarNode scalar) || value.indexOf('\n') >= 0
                || node.getStartMark().getLine() != node.getEndMark().getLine()) {
            return 0;
        }
        DumperOptions.ScalarStyle style = scalar.getScalarStyle();
        if (style == DumperOptions.ScalarStyle.PLAIN) {
            return offset;
        }
        if (style == DumperOptions.ScalarStyle.SINGLE_QUOTED || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED) {
            // Escapes make the source longer than the value; only trust the offset when they match.
            int sourceLength = node.getEndMark().getColumn() - node.getStartMark().getColumn() - 2;
            return sourceLength == value.length() ? offset + 1 : 0;
        }
        return 0;
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof ScalarNode s) {
            return Tag.NULL.equals(s.getTag()) ? "nothing" : "'" + s.getValue() + "'";
        }
        return "something else";
    }
}
