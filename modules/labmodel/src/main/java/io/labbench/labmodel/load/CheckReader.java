package io.labbench.labmodel.load;

import io.labbench.labmodel.model.Check;
import io.labbench.labmodel.model.CommandSource;
import io.labbench.labmodel.model.Expectation;
import io.labbench.labmodel.model.JsonPath;
import io.labbench.labmodel.model.ParsedAssertion;
import io.labbench.labmodel.model.Text;
import io.labbench.netparse.ParserKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads one check: either {run, on, expect} on raw output or {parsed: {parser, run, on, assert}}. */
final class CheckReader {
    private static final List<String> ASSERTIONS = List.of("rowMatches", "counterIncreased", "rowCount");

    Optional<Check> read(Node node, StepContext ctx) {
        Scalars s = ctx.scalars();
        Optional<MappingNode> mapping = s.mapping(node, "a check");
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        YamlMap map = new YamlMap(mapping.get(), "a check", List.of("name", "run", "on", "expect", "parsed"), ctx.errors());
        Optional<Text> name = map.require("name", "{ko, en} saying what is checked").flatMap(n -> s.text(n, "the check's name"));
        Optional<Check.Kind> kind;
        if (map.has("parsed")) {
            for (String k : List.of("run", "on", "expect")) {
                map.keyNode(k).ifPresent(n -> ctx.errors().at(n, "'" + k + "' goes inside 'parsed' for a parsed check"));
            }
            kind = map.get("parsed").flatMap(n -> parsed(n, ctx));
        } else if (map.has("run")) {
            kind = output(map, ctx);
        } else {
            ctx.errors().at(node, "a check needs 'run' and 'on' (with 'expect'), or 'parsed'");
            kind = Optional.empty();
        }
        return name.isPresent() && kind.isPresent() ? Optional.of(new Check(name.get(), kind.get())) : Optional.empty();
    }

    private Optional<Check.Kind> output(YamlMap map, StepContext ctx) {
        Optional<CommandSource> source = SourceReader.source(map, ctx);
        Optional<Expectation> expect = map.get("expect").isPresent()
                ? map.get("expect").flatMap(n -> expectation(n, ctx))
                : Optional.of(new Expectation.ExitOnly(OptionalInt.empty()));
        return source.isPresent() && expect.isPresent() ? Optional.of(new Check.Output(source.get(), expect.get())) : Optional.empty();
    }

    private Optional<Expectation> expectation(Node node, StepContext ctx) {
        Scalars s = ctx.scalars();
        Optional<MappingNode> mapping = s.mapping(node, "expect: {equals: …} or {regex: …} or {jsonPath: …, equals: …}");
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        YamlMap map = new YamlMap(mapping.get(), "expect", List.of("equals", "regex", "jsonPath", "exitCode"), ctx.errors());
        OptionalInt exit = map.get("exitCode").map(n -> s.integer(n, "exitCode", 0, 255)).orElse(OptionalInt.empty());
        Optional<String> equals = map.get("equals").flatMap(n -> s.string(n, "the expected output"));
        map.get("equals").ifPresent(n -> equals.ifPresent(v -> ctx.use(n, v, false)));
        Optional<String> regex = map.get("regex").flatMap(n -> s.nonBlank(n, "a regex"))
                .filter(r -> s.regex(map.get("regex").get(), r, "expect.regex"));
        map.get("regex").ifPresent(n -> regex.ifPresent(v -> ctx.use(n, v, false)));
        if (map.has("equals") && equals.isEmpty() || map.has("regex") && regex.isEmpty()) {
            return Optional.empty();
        }
        if (map.has("jsonPath")) {
            return map.get("jsonPath").flatMap(n -> SourceReader.jsonPath(n, s))
                    .map(p -> new Expectation.JsonValue(p, equals, regex, exit));
        }
        if (map.has("equals") && map.has("regex")) {
            ctx.errors().at(node, "expect has equals or regex, not both (both are allowed only with jsonPath)");
            return Optional.empty();
        }
        if (equals.isPresent()) {
            return Optional.of(new Expectation.Equals(equals.get(), exit));
        }
        if (regex.isPresent()) {
            return Optional.of(new Expectation.Matches(regex.get(), exit));
        }
        if (exit.isPresent()) {
            return Optional.of(new Expectation.ExitOnly(exit));
        }
        ctx.errors().at(node, "expect needs one of equals, regex, jsonPath or exitCode");
        return Optional.empty();
    }

    private Optional<Check.Kind> parsed(Node node, StepContext ctx) {
        Scalars s = ctx.scalars();
        Optional<MappingNode> mapping = s.mapping(node, "parsed: {parser, run, on, assert}");
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        YamlMap map = new YamlMap(mapping.get(), "a parsed check", List.of("parser", "run", "on", "assert"), ctx.errors());
        Optional<ParserKind> parser = map.require("parser", "a parser kind, e.g. ip-route").flatMap(n -> SourceReader.parser(n, s));
        Optional<CommandSource> source = SourceReader.source(map, ctx);
        Optional<ParsedAssertion> assertion = map.require("assert", "one of " + String.join(", ", ASSERTIONS))
                .flatMap(n -> assertion(n, ctx));
        if (parser.isEmpty() || source.isEmpty() || assertion.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Check.Parsed(parser.get(), source.get(), assertion.get()));
    }

    private Optional<ParsedAssertion> assertion(Node node, StepContext ctx) {
        Scalars s = ctx.scalars();
        Optional<MappingNode> mapping = s.mapping(node, "an assertion");
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        YamlMap map = new YamlMap(mapping.get(), "assert", ASSERTIONS, ctx.errors());
        if (map.presentKeys().size() != 1) {
            if (map.presentKeys().size() > 1) {
                ctx.errors().at(node, "assert has exactly one of " + String.join(", ", ASSERTIONS));
            } else if (mapping.get().getValue().isEmpty()) {
                ctx.errors().at(node, "assert needs one of " + String.join(", ", ASSERTIONS));
            }
            return Optional.empty();
        }
        String kind = map.presentKeys().iterator().next();
        Node value = map.get(kind).orElseThrow();
        return switch (kind) {
            case "rowMatches" -> cellConditions(value, "rowMatches", ctx).map(ParsedAssertion.RowMatches::new);
            case "counterIncreased" -> counterIncreased(value, ctx);
            default -> rowCount(value, ctx);
        };
    }

    private Optional<ParsedAssertion> counterIncreased(Node node, StepContext ctx) {
        Scalars s = ctx.scalars();
        Optional<MappingNode> mapping = s.mapping(node, "counterIncreased: {chain or where, column}");
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        YamlMap map = new YamlMap(mapping.get(), "counterIncreased", List.of("chain", "where", "column"), ctx.errors());
        Map<String, String> where = new LinkedHashMap<>();
        if (map.has("where")) {
            Optional<Map<String, String>> read = cellConditions(map.get("where").get(), "counterIncreased.where", ctx);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            where.putAll(read.get());
        }
        if (map.has("chain")) {
            Optional<String> chain = s.nonBlank(map.get("chain").get(), "a chain name");
            if (chain.isEmpty()) {
                return Optional.empty();
            }
            ctx.use(map.get("chain").get(), chain.get(), false);
            where.put("chain", java.util.regex.Pattern.quote(chain.get()));
        }
        Optional<String> column = map.require("column", "the counter column, e.g. packets").flatMap(n -> s.nonBlank(n, "a column name"));
        return column.map(c -> new ParsedAssertion.CounterIncreased(where, c));
    }

    private Optional<ParsedAssertion> rowCount(Node node, StepContext ctx) {
        Scalars s = ctx.scalars();
        Optional<MappingNode> mapping = s.mapping(node, "rowCount: {where, equals or atLeast}");
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        YamlMap map = new YamlMap(mapping.get(), "rowCount", List.of("where", "equals", "atLeast"), ctx.errors());
        Optional<Map<String, String>> where = map.get("where").isPresent()
                ? map.get("where").flatMap(n -> cellConditions(n, "rowCount.where", ctx)) : Optional.of(Map.of());
        OptionalInt equals = map.get("equals").map(n -> s.integer(n, "rowCount.equals", 0, 1_000_000)).orElse(OptionalInt.empty());
        OptionalInt atLeast = map.get("atLeast").map(n -> s.integer(n, "rowCount.atLeast", 0, 1_000_000)).orElse(OptionalInt.empty());
        if (equals.isEmpty() && atLeast.isEmpty()) {
            if (!map.has("equals") && !map.has("atLeast")) {
                ctx.errors().at(node, "rowCount needs equals or atLeast");
            }
            return Optional.empty();
        }
        return where.map(w -> new ParsedAssertion.RowCount(w,
                equals.isPresent() ? OptionalLong.of(equals.getAsInt()) : OptionalLong.empty(),
                atLeast.isPresent() ? OptionalLong.of(atLeast.getAsInt()) : OptionalLong.empty()));
    }

    /** Column → regex conditions; each regex is compiled now so a typo shows at load time. */
    static Optional<Map<String, String>> cellConditions(Node node, String what, StepContext ctx) {
        Scalars s = ctx.scalars();
        Optional<Map<String, String>> cells = s.stringMap(node, what);
        if (cells.isEmpty()) {
            return Optional.empty();
        }
        boolean ok = true;
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            Node valueNode = tuple.getValueNode();
            String regex = cells.get().get(((org.yaml.snakeyaml.nodes.ScalarNode) tuple.getKeyNode()).getValue());
            ok &= s.regex(valueNode, regex, what);
            ctx.use(valueNode, regex, false);
        }
        return ok ? cells : Optional.empty();
    }
}
