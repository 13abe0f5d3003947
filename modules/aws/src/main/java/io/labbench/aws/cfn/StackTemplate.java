package io.labbench.aws.cfn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A CloudFormation template as far as the stack form needs it: its parameters and how many
 * resources it creates (the denominator of the creation progress bar). JSON is YAML, so one parser
 * reads both; the short-form intrinsic functions ({@code !Ref}, {@code !Sub}, …) are read as plain
 * values because the form never evaluates them.
 */
public record StackTemplate(String description, List<TemplateParameter> parameters, int resourceCount,
                            List<String> outputKeys) {

    public static StackTemplate parse(String text, String sourceName) throws TemplateException {
        Object root;
        try {
            root = new Yaml(new IntrinsicTolerantConstructor()).load(text);
        } catch (MarkedYAMLException e) {
            throw new TemplateException(sourceName + ":" + (e.getProblemMark().getLine() + 1) + ":"
                    + (e.getProblemMark().getColumn() + 1) + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new TemplateException(sourceName + ": not a CloudFormation template: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> template)) {
            throw new TemplateException(sourceName + ": expected a CloudFormation template (a mapping with Resources)");
        }
        if (!(template.get("Resources") instanceof Map<?, ?> resources)) {
            throw new TemplateException(sourceName + ": the template has no Resources section");
        }
        List<TemplateParameter> parameters = new ArrayList<>();
        if (template.get("Parameters") instanceof Map<?, ?> section) {
            for (Map.Entry<?, ?> entry : section.entrySet()) {
                Map<?, ?> spec = entry.getValue() instanceof Map<?, ?> m ? m : Map.of();
                parameters.add(parameter(String.valueOf(entry.getKey()), spec));
            }
        }
        List<String> outputs = template.get("Outputs") instanceof Map<?, ?> o
                ? o.keySet().stream().map(String::valueOf).toList() : List.of();
        return new StackTemplate(template.get("Description") == null ? "" : String.valueOf(template.get("Description")), parameters,
                resources.size(), outputs);
    }

    private static TemplateParameter parameter(String key, Map<?, ?> spec) {
        List<String> allowed = spec.get("AllowedValues") instanceof List<?> values
                ? values.stream().map(String::valueOf).toList() : List.of();
        return new TemplateParameter(key,
                text(spec, "Type").orElse("String"),
                text(spec, "Default"),
                text(spec, "Description").orElse(""),
                text(spec, "NoEcho").map(v -> v.equalsIgnoreCase("true")).orElse(false),
                allowed,
                text(spec, "AllowedPattern"),
                text(spec, "MinLength").map(Integer::valueOf),
                text(spec, "MaxLength").map(Integer::valueOf),
                text(spec, "MinValue").map(Double::valueOf),
                text(spec, "MaxValue").map(Double::valueOf),
                text(spec, "ConstraintDescription").orElse(""));
    }

    private static Optional<String> text(Map<?, ?> spec, String field) {
        Object value = spec.get(field);
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    public Optional<TemplateParameter> parameter(String key) {
        return parameters.stream().filter(p -> p.key().equals(key)).findFirst();
    }

    /** Thrown for unreadable templates, with file, line and column when the YAML parser knows them. */
    public static final class TemplateException extends Exception {
        public TemplateException(String message) {
            super(message);
        }
    }

    /** Reads {@code !Ref X}, {@code !Sub …}, {@code !GetAtt …} and friends as their plain value. */
    private static final class IntrinsicTolerantConstructor extends SafeConstructor {
        IntrinsicTolerantConstructor() {
            super(new LoaderOptions());
            for (String fn : List.of("Ref", "Sub", "GetAtt", "Join", "Select", "Split", "If", "Equals", "Not",
                    "And", "Or", "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue", "Condition", "Transform")) {
                yamlConstructors.put(new Tag("!" + fn), new AsPlainValue());
            }
        }

        private final class AsPlainValue extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                if (node instanceof ScalarNode scalar) {
                    return scalar.getValue();
                }
                node.setTag(node instanceof org.yaml.snakeyaml.nodes.SequenceNode ? Tag.SEQ : Tag.MAP);
                Object value = constructObject(node);
                return value instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : value;
            }
        }
    }
}
