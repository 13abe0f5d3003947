package io.labbench.labmodel.load;

import io.labbench.labmodel.model.CommandSource;
import io.labbench.labmodel.model.JsonPath;
import io.labbench.labmodel.model.Target;
import io.labbench.netparse.ParserKind;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;

/** The pieces captures and checks share: a command and its target, a parser kind, a JSON path. */
final class SourceReader {
    private SourceReader() {
    }

    static Optional<CommandSource> source(YamlMap map, StepContext ctx) {
        Scalars s = ctx.scalars();
        Optional<Node> runNode = map.require("run", "the command whose output is read");
        Optional<String> run = runNode.flatMap(n -> s.nonBlank(n, "a command"));
        run.ifPresent(r -> ctx.use(runNode.get(), r, true));
        Optional<Target> on = map.require("on", "where the command runs").flatMap(s::target);
        return run.isPresent() && on.isPresent() ? Optional.of(new CommandSource(run.get(), on.get())) : Optional.empty();
    }

    static Optional<ParserKind> parser(Node node, Scalars s) {
        Optional<String> name = s.string(node, "a parser kind");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<ParserKind> kind = ParserKind.fromCliName(name.get());
        if (kind.isEmpty()) {
            s.errors().at(node, "unknown parser kind '" + name.get() + "'; expected one of: "
                    + Arrays.stream(ParserKind.values()).map(ParserKind::cliName).collect(Collectors.joining(", ")));
        }
        return kind;
    }

    static Optional<JsonPath> jsonPath(Node node, Scalars s) {
        Optional<String> text = s.string(node, "a JSON path");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        JsonPath.Parsed parsed = JsonPath.parse(text.get());
        if (parsed instanceof JsonPath.Bad bad) {
            s.errors().at(node.getStartMark(), Scalars.columnOffset(node, text.get(), bad.error().offset()),
                    "bad JSON path '" + text.get() + "': " + bad.error().message());
            return Optional.empty();
        }
        return Optional.of(((JsonPath.Ok) parsed).path());
    }
}
