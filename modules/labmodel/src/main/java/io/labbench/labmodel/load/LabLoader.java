package io.labbench.labmodel.load;

import io.labbench.cluster.Backend;
import io.labbench.labmodel.model.Action;
import io.labbench.labmodel.model.Capture;
import io.labbench.labmodel.model.Check;
import io.labbench.labmodel.model.Lab;
import io.labbench.labmodel.model.Section;
import io.labbench.labmodel.model.Step;
import io.labbench.labmodel.model.Text;
import io.labbench.labmodel.model.VariableDecl;
import io.labbench.labmodel.eval.VariableReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Loads a lab file and validates it against the lab format ({@code assets/labs/FORMAT.md}). Never
 * throws on bad input: everything wrong is in {@link LoadResult#errors()}.
 */
public final class LabLoader {
    private static final Pattern LAB_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern SECTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final List<String> LAB_KEYS = List.of("id", "version", "title", "summary", "backends", "variables", "sections");
    private static final List<String> SECTION_KEYS = List.of("id", "title", "steps");
    private static final List<String> STEP_KEYS = List.of("id", "title", "body", "backends", "notOnLocal", "homework",
            "actions", "captures", "checks", "hints");

    /**
     * Loads {@code file}; manifests named by apply actions are looked up in the folder above its own
     * ({@code assets/}). A missing, unreadable, oversized or non-UTF-8 file is one error saying which.
     */
    public LoadResult load(Path file) {
        Path absolute = file.toAbsolutePath();
        Optional<Path> assets = Optional.ofNullable(absolute.getParent()).map(Path::getParent);
        LabFileText.Outcome read = LabFileText.read(file);
        if (read instanceof LabFileText.Outcome.Refused refused) {
            return new LoadResult(Optional.empty(), List.of(refused.error()));
        }
        return load(file.toString(), ((LabFileText.Outcome.Read) read).text(), assets);
    }

    /** Loads lab text; {@code assetsRoot}, when given, is where apply actions' manifests must exist. */
    public LoadResult load(String fileName, String text, Optional<Path> assetsRoot) {
        ErrorSink errors = new ErrorSink(fileName);
        Node root;
        try {
            root = YamlComposition.compose(text, errors);
        } catch (YamlComposition.Refused e) {
            return new LoadResult(Optional.empty(), errors.sorted());
        } catch (RuntimeException e) {
            errors.atLine(1, 1, "cannot read YAML: " + e.getMessage());
            return new LoadResult(Optional.empty(), errors.sorted());
        }
        if (root == null) {
            errors.atLine(1, 1, "the file is empty; expected a lab (id, version, title, summary, backends, variables, sections)");
            return new LoadResult(Optional.empty(), errors.sorted());
        }
        Optional<Lab> lab = new Reading(errors, assetsRoot, fileName).lab(root);
        List<LabError> sorted = errors.sorted();
        return new LoadResult(sorted.isEmpty() ? lab : Optional.empty(), sorted);
    }

    /** One pass over one file. */
    private static final class Reading {
        private final ErrorSink errors;
        private final Scalars s;
        private final ActionReader actions;
        private final CaptureReader captures = new CaptureReader();
        private final CheckReader checks = new CheckReader();
        private final String fileName;
        private final List<VariableUse> uses = new ArrayList<>();
        private final Map<String, Integer> firstCapture = new HashMap<>();
        private final Map<String, Node> stepIds = new HashMap<>();
        private final Map<String, Node> sectionIds = new HashMap<>();
        private final List<String> stepOrder = new ArrayList<>();
        private Set<Backend> labBackends = Set.of(Backend.LOCAL, Backend.AWS);

        Reading(ErrorSink errors, Optional<Path> assetsRoot, String fileName) {
            this.errors = errors;
            this.s = new Scalars(errors);
            this.actions = new ActionReader(assetsRoot);
            this.fileName = fileName;
        }

        Optional<Lab> lab(Node root) {
            Optional<MappingNode> mapping = s.mapping(root, "a lab");
            if (mapping.isEmpty()) {
                return Optional.empty();
            }
            YamlMap map = new YamlMap(mapping.get(), "the lab", LAB_KEYS, errors);
            Optional<String> id = map.require("id", "the lab's id, e.g. pkos-week2")
                    .flatMap(n -> s.matching(n, "lab id", LAB_ID, "lower-case letters, digits and dashes"));
            OptionalInt version = map.require("version", "the format version, 1")
                    .map(n -> s.integer(n, "version", 1, 1)).orElse(OptionalInt.empty());
            Optional<Text> title = map.require("title", "{ko, en}").flatMap(n -> s.text(n, "the lab's title"));
            Optional<Text> summary = map.require("summary", "{ko, en}").flatMap(n -> s.text(n, "the lab's summary"));
            Optional<Set<Backend>> backends = map.require("backends", "a list of local and/or aws").flatMap(this::backends);
            backends.ifPresent(b -> labBackends = b);
            List<VariableDecl> variables = map.get("variables").map(this::variables).orElse(List.of());
            List<Section> sections = map.require("sections", "a list of sections").map(this::sections).orElse(List.of());
            new VariableUseChecker(errors).check(uses, variables, firstCapture, stepOrder);
            if (!errors.isEmpty() || id.isEmpty() || version.isEmpty() || title.isEmpty() || summary.isEmpty()
                    || backends.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Lab(id.get(), version.getAsInt(), title.get(), summary.get(), backends.get(),
                    variables, sections, Path.of(fileName)));
        }

        private Optional<Set<Backend>> backends(Node node) {
            Optional<SequenceNode> list = s.sequence(node, "backends, e.g. [local, aws]");
            if (list.isEmpty()) {
                return Optional.empty();
            }
            Set<Backend> backends = new LinkedHashSet<>();
            boolean ok = true;
            for (Node item : list.get().getValue()) {
                Optional<String> name = s.string(item, "a backend");
                Optional<Backend> backend = name.flatMap(Backend::fromYamlName);
                if (name.isPresent() && backend.isEmpty()) {
                    errors.at(item, "unknown backend '" + name.get() + "'; expected local or aws");
                }
                if (backend.isPresent() && !backends.add(backend.get())) {
                    errors.at(item, "backend '" + name.get() + "' is listed twice");
                }
                ok &= backend.isPresent();
            }
            if (ok && backends.isEmpty()) {
                errors.at(node, "expected at least one backend: local, aws");
                return Optional.empty();
            }
            return ok ? Optional.of(backends) : Optional.empty();
        }

        private List<VariableDecl> variables(Node node) {
            return list(node, "variables", (item, i) -> variable(item)).stream().flatMap(Optional::stream).toList();
        }

        private final Map<String, Node> variableNames = new HashMap<>();

        private Optional<VariableDecl> variable(Node node) {
            Optional<MappingNode> mapping = s.mapping(node, "a variable {name, description, default, secret}");
            if (mapping.isEmpty()) {
                return Optional.empty();
            }
            YamlMap map = new YamlMap(mapping.get(), "a variable", List.of("name", "description", "default", "secret"), errors);
            Optional<Node> nameNode = map.require("name", "the variable's name, e.g. W1PIP");
            Optional<String> name = nameNode.flatMap(n -> s.matching(n, "variable name", VariableReference.NAME,
                    "a letter, then letters, digits or _"));
            if (name.isPresent() && variableNames.containsKey(name.get())) {
                errors.at(nameNode.get(), "variable '" + name.get() + "' is declared twice (first at line "
                        + (variableNames.get(name.get()).getStartMark().getLine() + 1) + ")");
                return Optional.empty();
            }
            name.ifPresent(n -> variableNames.put(n, nameNode.get()));
            Optional<Text> description = map.require("description", "{ko, en}").flatMap(n -> s.text(n, "the variable's description"));
            Optional<String> defaultValue = map.get("default").flatMap(n -> s.string(n, "the default value"));
            boolean secret = map.get("secret").flatMap(n -> s.bool(n, "secret")).orElse(false);
            if (name.isEmpty() || description.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new VariableDecl(name.get(), description.get(), defaultValue, secret));
        }

        private List<Section> sections(Node node) {
            return list(node, "sections", (item, i) -> section(item)).stream().flatMap(Optional::stream).toList();
        }

        private Optional<Section> section(Node node) {
            Optional<MappingNode> mapping = s.mapping(node, "a section {id, title, steps}");
            if (mapping.isEmpty()) {
                return Optional.empty();
            }
            YamlMap map = new YamlMap(mapping.get(), "a section", SECTION_KEYS, errors);
            Optional<String> id = map.require("id", "the section's id, e.g. \"2.2\"").flatMap(n -> uniqueId(n, sectionIds, "section"));
            Optional<Text> title = map.require("title", "{ko, en}").flatMap(n -> s.text(n, "the section's title"));
            List<Step> steps = map.require("steps", "a list of steps")
                    .map(n -> list(n, "steps", (item, i) -> step(item)).stream().flatMap(Optional::stream).toList())
                    .orElse(List.of());
            if (id.isEmpty() || title.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Section(id.get(), title.get(), steps));
        }

        private Optional<String> uniqueId(Node node, Map<String, Node> seen, String what) {
            Optional<String> id = s.matching(node, what + " id", SECTION_ID, "letters, digits, '.', '_' or '-'");
            if (id.isPresent() && seen.containsKey(id.get())) {
                errors.at(node, "duplicate " + what + " id '" + id.get() + "' (first at line "
                        + (seen.get(id.get()).getStartMark().getLine() + 1) + "); ids must be unique in the lab");
                return Optional.empty();
            }
            id.ifPresent(i -> seen.put(i, node));
            return id;
        }

        private Optional<Step> step(Node node) {
            Optional<MappingNode> mapping = s.mapping(node, "a step {id, title, body, actions, …}");
            if (mapping.isEmpty()) {
                return Optional.empty();
            }
            YamlMap map = new YamlMap(mapping.get(), "a step", STEP_KEYS, errors);
            Optional<String> id = map.require("id", "the step's id, unique in the lab").flatMap(n -> uniqueId(n, stepIds, "step"));
            int index = stepOrder.size();
            stepOrder.add(id.orElse("#" + (index + 1)));
            StepContext ctx = new StepContext(s, index, id.orElse("#" + (index + 1)), uses, firstCapture);
            Optional<Text> title = map.require("title", "{ko, en}").flatMap(n -> s.text(n, "the step's title"));
            Optional<Text> body = map.require("body", "{ko, en} Markdown").flatMap(n -> s.text(n, "the step's body"));
            Set<Backend> backends = labBackends;
            if (map.has("backends")) {
                Optional<Set<Backend>> read = backends(map.get("backends").get());
                if (read.isPresent()) {
                    backends = read.get();
                    for (Backend b : backends) {
                        if (!labBackends.contains(b)) {
                            errors.at(map.get("backends").get(), "step backend '" + b.yamlName()
                                    + "' is not one of the lab's backends " + labBackends.stream().map(Backend::yamlName).toList());
                        }
                    }
                }
            }
            Optional<Text> notOnLocal = map.get("notOnLocal").flatMap(n -> s.text(n, "notOnLocal"));
            if (labBackends.contains(Backend.LOCAL) && !backends.contains(Backend.LOCAL) && !map.has("notOnLocal")) {
                errors.at(map.keyNode("backends").orElse(node), "this step does not run on the local lab, so it needs "
                        + "'notOnLocal: {ko, en}' telling the learner what they would see on AWS");
            }
            OptionalInt homework = map.get("homework").map(n -> s.integer(n, "homework", 1, 99)).orElse(OptionalInt.empty());
            List<Action> stepActions = map.get("actions")
                    .map(n -> list(n, "actions", (item, i) -> actions.read(item, ctx)).stream().flatMap(Optional::stream).toList())
                    .orElse(List.of());
            if (map.has("actions") && stepActions.isEmpty() && map.get("actions").get() instanceof SequenceNode seq
                    && seq.getValue().isEmpty()) {
                errors.at(map.get("actions").get(), "actions is empty; remove it or add at least one action");
            }
            List<Capture> stepCaptures = map.get("captures")
                    .map(n -> list(n, "captures", (item, i) -> captures.read(item, ctx)).stream().flatMap(Optional::stream).toList())
                    .orElse(List.of());
            List<Check> stepChecks = map.get("checks")
                    .map(n -> list(n, "checks", (item, i) -> checks.read(item, ctx)).stream().flatMap(Optional::stream).toList())
                    .orElse(List.of());
            List<Text> hints = map.get("hints")
                    .map(n -> list(n, "hints", (item, i) -> s.text(item, "a hint")).stream().flatMap(Optional::stream).toList())
                    .orElse(List.of());
            if (id.isEmpty() || title.isEmpty() || body.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Step(id.get(), title.get(), body.get(), backends, notOnLocal, homework,
                    stepActions, stepCaptures, stepChecks, hints));
        }

        private <T> List<T> list(Node node, String what, BiFunction<Node, Integer, T> reader) {
            Optional<SequenceNode> seq = s.sequence(node, what);
            if (seq.isEmpty()) {
                return List.of();
            }
            List<T> out = new ArrayList<>();
            List<Node> items = seq.get().getValue();
            for (int i = 0; i < items.size(); i++) {
                out.add(reader.apply(items.get(i), i));
            }
            return out;
        }
    }
}
