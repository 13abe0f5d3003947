package io.labbench.labmodel.load;

import io.labbench.labmodel.model.Action;
import io.labbench.labmodel.model.Target;
import io.labbench.labmodel.model.Text;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads one action: exactly one kind key (run, watch, apply, operation, note) and its options. */
final class ActionReader {
    static final List<String> KINDS = List.of("run", "watch", "apply", "operation", "note");
    private static final List<String> KEYS = List.of("run", "watch", "apply", "operation", "note", "on", "enter", "why", "with");
    private static final Pattern WATCH_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern OPERATION = Pattern.compile("[a-z][a-z0-9-]*(\\.[A-Za-z0-9-]+)+");
    private final Optional<Path> assetsRoot;

    ActionReader(Optional<Path> assetsRoot) {
        this.assetsRoot = assetsRoot;
    }

    Optional<Action> read(Node node, StepContext ctx) {
        Scalars s = ctx.scalars();
        Optional<MappingNode> mapping = s.mapping(node, "an action");
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        YamlMap map = new YamlMap(mapping.get(), "an action", KEYS, ctx.errors());
        List<String> kinds = KINDS.stream().filter(map::has).toList();
        if (kinds.size() != 1) {
            ctx.errors().at(node, "an action has exactly one of " + String.join(", ", KINDS)
                    + (kinds.isEmpty() ? "; found none" : "; found " + String.join(" and ", kinds)));
            return Optional.empty();
        }
        String kind = kinds.get(0);
        onlyAllowed(map, kind, ctx);
        Node value = map.get(kind).orElseThrow();
        return switch (kind) {
            case "run" -> run(map, value, ctx);
            case "watch" -> {
                Optional<String> id = s.matching(value, "watch id", WATCH_ID, "lower-case letters, digits and dashes, e.g. routes");
                Optional<Target> on = map.require("on", "the node the watch runs on").flatMap(s::target);
                yield id.isPresent() && on.isPresent() ? Optional.of(new Action.Watch(id.get(), on.get())) : Optional.empty();
            }
            case "apply" -> apply(map, value, ctx);
            case "operation" -> operation(map, value, ctx);
            default -> s.text(value, "a note").map(Action.Note::new);
        };
    }

    private Optional<Action> run(YamlMap map, Node value, StepContext ctx) {
        Scalars s = ctx.scalars();
        Optional<String> command = s.nonBlank(value, "a command to run");
        command.ifPresent(c -> ctx.use(value, c, true));
        Optional<Target> on = map.require("on", "the terminal to type into: " + String.join(", ", Target.FIXED) + " or pod:NAME")
                .flatMap(s::target);
        boolean enter = map.get("enter").flatMap(n -> s.bool(n, "enter")).orElse(true);
        Optional<Text> why = map.get("why").flatMap(n -> s.text(n, "why"));
        if (map.has("why") && why.isEmpty()) {
            return Optional.empty();
        }
        if (command.isEmpty() || on.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Action.Run(command.get(), on.get(), enter, why));
    }

    private Optional<Action> operation(YamlMap map, Node value, StepContext ctx) {
        Scalars s = ctx.scalars();
        Optional<String> name = s.matching(value, "operation name", OPERATION, "a dotted name such as aws.cloudformation.create-stack");
        Map<String, String> with = Map.of();
        Optional<Node> withNode = map.get("with");
        if (withNode.isPresent()) {
            Optional<Map<String, String>> read = s.stringMap(withNode.get(), "the operation's 'with'");
            if (read.isEmpty()) {
                return Optional.empty();
            }
            with = read.get();
            // Parameter values may use variables; with no shell here, an unknown $NAME is an error.
            for (NodeTuple tuple : ((MappingNode) withNode.get()).getValue()) {
                ctx.use(tuple.getValueNode(), with.get(((ScalarNode) tuple.getKeyNode()).getValue()), false);
            }
        }
        Map<String, String> parameters = with;
        return name.map(n -> new Action.Operation(n, parameters));
    }

    private Optional<Action> apply(YamlMap map, Node value, StepContext ctx) {
        Scalars s = ctx.scalars();
        Optional<String> manifest = s.nonBlank(value, "a manifest path under assets/");
        Target on = map.get("on").flatMap(s::target).orElse(new Target("kubectl"));
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        String path = manifest.get();
        ctx.use(value, path, false);
        if (path.startsWith("/") || Path.of(path).normalize().startsWith("..")) {
            ctx.errors().at(value, "manifest '" + path + "' must be a path inside assets/, e.g. manifests/netshoot-2pods.yaml");
            return Optional.empty();
        }
        if (assetsRoot.isPresent() && path.indexOf('$') < 0 && !Files.isRegularFile(assetsRoot.get().resolve(path))) {
            ctx.errors().at(value, "manifest '" + path + "' does not exist under " + assetsRoot.get()
                    + " (expected a file shipped in assets/)");
            return Optional.empty();
        }
        return Optional.of(new Action.Apply(path, on));
    }

    private static void onlyAllowed(YamlMap map, String kind, StepContext ctx) {
        List<String> allowed = switch (kind) {
            case "run" -> List.of("run", "on", "enter", "why");
            case "watch", "apply" -> List.of(kind, "on");
            case "operation" -> List.of("operation", "with");
            default -> List.of("note");
        };
        for (String key : map.presentKeys()) {
            if (!allowed.contains(key)) {
                ctx.errors().at(map.keyNode(key).orElseThrow(), "'" + key + "' does not apply to a " + kind
                        + " action; expected one of: " + String.join(", ", allowed));
            }
        }
    }
}
