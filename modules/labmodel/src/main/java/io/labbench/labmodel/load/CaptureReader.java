package io.labbench.labmodel.load;

import io.labbench.labmodel.eval.VariableReference;
import io.labbench.labmodel.model.Capture;
import io.labbench.labmodel.model.CommandSource;
import io.labbench.labmodel.model.Extraction;
import io.labbench.netparse.ParserKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one capture: a variable name, the command it reads, and exactly one way to pick the value. */
final class CaptureReader {
    private static final List<String> WAYS = List.of("regex", "jsonPath", "table");

    Optional<Capture> read(Node node, StepContext ctx) {
        Scalars s = ctx.scalars();
        Optional<MappingNode> mapping = s.mapping(node, "a capture");
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        YamlMap map = new YamlMap(mapping.get(), "a capture", List.of("name", "from", "regex", "jsonPath", "table"), ctx.errors());
        Optional<String> name = map.require("name", "the variable to set").flatMap(n -> s.matching(n, "variable name",
                VariableReference.NAME, "a letter, then letters, digits or _"));
        name.ifPresent(n -> ctx.firstCapture().putIfAbsent(n, ctx.stepIndex()));
        Optional<CommandSource> from = map.require("from", "{run: \"…\", on: TARGET}")
                .flatMap(n -> s.mapping(n, "the capture's 'from'"))
                .flatMap(m -> SourceReader.source(new YamlMap(m, "the capture's 'from'", List.of("run", "on"), ctx.errors()), ctx));
        List<String> ways = WAYS.stream().filter(map::has).toList();
        if (ways.size() != 1) {
            ctx.errors().at(node, "a capture has exactly one of regex, jsonPath, table"
                    + (ways.isEmpty() ? "; found none" : "; found " + String.join(" and ", ways)));
            return Optional.empty();
        }
        Node wayNode = map.get(ways.get(0)).orElseThrow();
        Optional<Extraction> extraction = switch (ways.get(0)) {
            case "regex" -> s.nonBlank(wayNode, "a regex").filter(r -> s.regex(wayNode, r, "the capture's regex"))
                    .map(r -> new Extraction.Regex(Pattern.compile(r)));
            case "jsonPath" -> SourceReader.jsonPath(wayNode, s).map(Extraction.Json::new);
            default -> table(wayNode, ctx);
        };
        if (name.isEmpty() || from.isEmpty() || extraction.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Capture(name.get(), from.get(), extraction.get()));
    }

    private Optional<Extraction> table(Node node, StepContext ctx) {
        Scalars s = ctx.scalars();
        Optional<MappingNode> mapping = s.mapping(node, "a table capture {parser, row, column}");
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        YamlMap map = new YamlMap(mapping.get(), "a table capture", List.of("parser", "row", "column"), ctx.errors());
        Optional<ParserKind> parser = map.require("parser", "a parser kind, e.g. kubectl-table").flatMap(n -> SourceReader.parser(n, s));
        Optional<Map<String, String>> row = map.require("row", "the cells that pick the row, e.g. {NAME: pod-1}")
                .flatMap(n -> CheckReader.cellConditions(n, "the table capture's row", ctx));
        Optional<String> column = map.require("column", "the column to read").flatMap(n -> s.nonBlank(n, "a column name"));
        if (parser.isEmpty() || row.isEmpty() || column.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Extraction.Table(parser.get(), row.get(), column.get()));
    }

}
