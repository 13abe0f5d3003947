package io.labbench.sessions.workspace;

import io.labbench.cluster.Backend;
import io.labbench.sessions.Endpoint;
import io.labbench.sessions.LocalShellEndpoint;
import io.labbench.sessions.SshEndpoint;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import io.labbench.storage.AtomicFileWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.emitter.Emitter;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.serializer.Serializer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and writes workspace files. Reading walks SnakeYAML's node tree rather than binding to
 * classes so that every problem can name its line and column, and all problems are reported at once.
 *
 * <pre>
 * name: pkos
 * backend: local            # local | aws
 * endpoints:
 *   - name: kops-ec2
 *     type: ssh
 *     host: 203.0.113.10
 *     user: ubuntu
 *     identityFiles: [~/.ssh/kp.pem]
 *   - name: master
 *     type: ssh
 *     host: 172.30.1.10
 *     jump: kops-ec2          # reached through kops-ec2's connection
 *   - name: local
 *     type: local
 *     argv: [bash, -l]
 * variables:
 *   W1PIP: 172.30.1.100
 * addresses:                # what the pane headers show (optional)
 *   worker1: {vpc: 172.30.1.100, public: 203.0.113.21}
 * </pre>
 */
public final class WorkspaceYaml {

    private static final Pattern ENDPOINT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]*");
    private static final Set<String> TOP_KEYS = Set.of("name", "backend", "endpoints", "variables", "addresses");
    private static final Set<String> ADDRESS_KEYS = Set.of("vpc", "public");
    private static final Set<String> SSH_KEYS =
            Set.of("name", "type", "host", "port", "user", "identityFiles", "jump", "sshConfigAlias");
    private static final Set<String> LOCAL_KEYS = Set.of("name", "type", "argv", "env", "workingDir");

    private WorkspaceYaml() {
    }

    public static Workspace read(Path file) throws WorkspaceFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WorkspaceFileException(List.of(new WorkspaceProblem(file, 0, 0,
                    "cannot read the file (" + e.getMessage() + ")")));
        }
        return parse(file, text);
    }

    /** Parses {@code text} as if it came from {@code file} (the path is only used in messages). */
    public static Workspace parse(Path file, String text) throws WorkspaceFileException {
        return new Reading(file).workspace(text);
    }

    public static void write(Workspace workspace, Path file) throws IOException {
        AtomicFileWriter.writeString(file, format(workspace));
    }

    public static String format(Workspace workspace) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", workspace.name());
        root.put("backend", workspace.backend().yamlName());
        List<Object> endpoints = new ArrayList<>();
        for (Endpoint endpoint : workspace.endpoints()) {
            endpoints.add(toMap(endpoint));
        }
        root.put("endpoints", endpoints);
        root.put("variables", new LinkedHashMap<>(workspace.variables()));
        if (!workspace.addresses().isEmpty()) {
            Map<String, Object> addresses = new LinkedHashMap<>();
            workspace.addresses().forEach((endpoint, a) -> {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("vpc", a.vpc());
                a.publicIp().ifPresent(ip -> one.put("public", ip));
                addresses.put(endpoint, one);
            });
            root.put("addresses", addresses);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        return "# LabBench workspace: endpoints (type ssh or local) and captured variables. Safe to edit by hand.\n"
                + dump(root, options);
    }

    /*
     * The two below do what Yaml.compose and Yaml.dump do, without a Yaml object: its constructor makes an object
     * constructor, which asks the JDK for a System.Logger, and the JDK's first such request from a library looks for a
     * logging back-end in every jar on the class path (~160, 150-250 ms of CPU). The window reads (and on a first
     * start writes) the workspace before its first frame.
     */
    private static Node compose(Reader reader) {
        LoaderOptions options = new LoaderOptions();
        return new Composer(new ParserImpl(new StreamReader(reader), options), new Resolver(), options).getSingleNode();
    }

    private static String dump(Map<String, Object> root, DumperOptions options) {
        Representer representer = new Representer(options);
        representer.setDefaultFlowStyle(options.getDefaultFlowStyle());
        representer.setDefaultScalarStyle(options.getDefaultScalarStyle());
        StringWriter out = new StringWriter();
        Serializer serializer = new Serializer(new Emitter(out, options), new Resolver(), options, null);
        try {
            serializer.open();
            serializer.serialize(representer.represent(root));
            serializer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: a StringWriter", e);
        }
        return out.toString();
    }

    private static Map<String, Object> toMap(Endpoint endpoint) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", endpoint.name());
        if (endpoint instanceof SshEndpoint ssh) {
            {
                map.put("type", "ssh");
                if (!ssh.host().isBlank()) {
                    map.put("host", ssh.host());
                }
                if (ssh.port() != 0) {
                    map.put("port", ssh.port());
                }
                if (!ssh.user().isBlank()) {
                    map.put("user", ssh.user());
                }
                if (!ssh.identityFiles().isEmpty()) {
                    map.put("identityFiles", ssh.identityFiles().stream().map(Path::toString).toList());
                }
                ssh.jumpEndpointName().ifPresent(jump -> map.put("jump", jump));
                ssh.sshConfigAlias().ifPresent(alias -> map.put("sshConfigAlias", alias));
            }
        } else if (endpoint instanceof LocalShellEndpoint local) {
            {
                map.put("type", "local");
                map.put("argv", local.argv());
                if (!local.env().isEmpty()) {
                    map.put("env", new java.util.TreeMap<>(local.env()));
                }
                local.workingDir().ifPresent(dir -> map.put("workingDir", dir.toString()));
            }
        } else {
            throw new IllegalStateException("unknown endpoint kind " + endpoint.getClass());
        }
        return map;
    }

    /** One read of one file: collects problems as it goes. */
    private static final class Reading {
        private final Path file;
        private final List<WorkspaceProblem> problems = new ArrayList<>();

        Reading(Path file) {
            this.file = file;
        }

        Workspace workspace(String text) throws WorkspaceFileException {
            Node root;
            try (Reader reader = new StringReader(text)) {
                root = compose(reader);
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                throw new WorkspaceFileException(List.of(problemAt(mark,
                        "not valid YAML: " + e.getProblem() + " (expected a mapping with name, backend, endpoints, variables)")));
            } catch (YAMLException | IOException e) {
                throw new WorkspaceFileException(List.of(new WorkspaceProblem(file, 1, 1, "not valid YAML: " + e.getMessage())));
            }
            if (!(root instanceof MappingNode mapping)) {
                Node where = root;
                throw new WorkspaceFileException(List.of(where == null
                        ? new WorkspaceProblem(file, 1, 1, "the file is empty; expected a mapping with name, backend, endpoints, variables")
                        : problem(where, "expected a mapping with name, backend, endpoints, variables")));
            }
            Map<String, NodeTuple> top = keys(mapping, TOP_KEYS, "the top level");
            String name = requiredScalar(top, "name", mapping, "the workspace name").orElse("");
            Backend backend = Backend.LOCAL;
            if (top.containsKey("backend")) {
                Node node = top.get("backend").getValueNode();
                Optional<String> text2 = scalar(node, "backend");
                if (text2.isPresent()) {
                    Optional<Backend> parsed = Backend.fromYamlName(text2.get());
                    if (parsed.isEmpty()) {
                        problems.add(problem(node, "backend '" + text2.get() + "' is unknown; expected local or aws"));
                    } else {
                        backend = parsed.get();
                    }
                }
            }
            List<Endpoint> endpoints = new ArrayList<>();
            Map<String, Node> jumpReferences = new LinkedHashMap<>();
            if (top.containsKey("endpoints")) {
                Node node = top.get("endpoints").getValueNode();
                if (node instanceof SequenceNode sequence) {
                    Set<String> names = new HashSet<>();
                    for (Node item : sequence.getValue()) {
                        endpoint(item, jumpReferences).ifPresent(endpoint -> {
                            if (!names.add(endpoint.name())) {
                                problems.add(problem(item, "endpoint name '" + endpoint.name() + "' is used twice; expected unique names"));
                            } else {
                                endpoints.add(endpoint);
                            }
                        });
                    }
                } else {
                    problems.add(problem(node, "endpoints: expected a list of endpoints (each starting with '- name:')"));
                }
            }
            checkJumps(endpoints, jumpReferences);
            Map<String, String> variables = new LinkedHashMap<>();
            if (top.containsKey("variables")) {
                Node node = top.get("variables").getValueNode();
                if (node instanceof MappingNode vars) {
                    for (NodeTuple tuple : vars.getValue()) {
                        Optional<String> key = scalar(tuple.getKeyNode(), "variable name");
                        Optional<String> value = scalar(tuple.getValueNode(), "the value of a variable");
                        if (key.isPresent() && value.isPresent()) {
                            variables.put(key.get(), value.get());
                        }
                    }
                } else if (!isNull(node)) {
                    problems.add(problem(node, "variables: expected a mapping of NAME: value"));
                }
            }
            Map<String, NodeAddresses> addresses = top.containsKey("addresses")
                    ? addresses(top.get("addresses").getValueNode()) : Map.of();
            if (!problems.isEmpty()) {
                throw new WorkspaceFileException(problems);
            }
            return new Workspace(name, backend, endpoints, variables, addresses);
        }

        /** {@code addresses:}: endpoint name → {@code {vpc: …, public: …}}. */
        private Map<String, NodeAddresses> addresses(Node node) {
            Map<String, NodeAddresses> addresses = new LinkedHashMap<>();
            if (isNull(node)) {
                return addresses;
            }
            if (!(node instanceof MappingNode byName)) {
                problems.add(problem(node, "addresses: expected a mapping of endpoint name: {vpc: 172.30.1.100, public: 203.0.113.21}"));
                return addresses;
            }
            for (NodeTuple tuple : byName.getValue()) {
                Optional<String> endpoint = scalar(tuple.getKeyNode(), "endpoint name");
                if (endpoint.isEmpty()) {
                    continue;
                }
                if (!(tuple.getValueNode() instanceof MappingNode one)) {
                    problems.add(problem(tuple.getValueNode(), "addresses of " + endpoint.get() + ": expected {vpc: 172.30.1.100, public: 203.0.113.21}"));
                    continue;
                }
                Map<String, NodeTuple> keys = keys(one, ADDRESS_KEYS, "the addresses of " + endpoint.get());
                Optional<String> vpc = requiredScalar(keys, "vpc", one, "the VPC (private) address of " + endpoint.get());
                Optional<String> publicIp = optionalScalar(keys, "public");
                vpc.ifPresent(v -> addresses.put(endpoint.get(), new NodeAddresses(v, publicIp)));
            }
            return addresses;
        }

        private Optional<Endpoint> endpoint(Node item, Map<String, Node> jumpReferences) {
            if (!(item instanceof MappingNode mapping)) {
                problems.add(problem(item, "expected an endpoint mapping with name and type"));
                return Optional.empty();
            }
            Map<String, NodeTuple> raw = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                scalar(tuple.getKeyNode(), "a key").ifPresent(key -> raw.put(key, tuple));
            }
            int before = problems.size();
            Optional<String> name = requiredScalar(raw, "name", mapping, "the endpoint name");
            name.filter(n -> !ENDPOINT_NAME.matcher(n).matches()).ifPresent(n -> problems.add(problem(
                    raw.get("name").getValueNode(), "endpoint name '" + n + "' has spaces or symbols; expected letters, digits, . _ - : @")));
            Optional<String> type = requiredScalar(raw, "type", mapping, "the endpoint type (ssh or local)");
            if (type.isEmpty()) {
                return Optional.empty();
            }
            switch (type.get()) {
                case "ssh" -> {
                    Map<String, NodeTuple> keys = keys(mapping, SSH_KEYS, "an ssh endpoint");
                    String host = optionalScalar(keys, "host").orElse("");
                    String user = optionalScalar(keys, "user").orElse("");
                    int port = 0;
                    if (keys.containsKey("port")) {
                        Node portNode = keys.get("port").getValueNode();
                        Optional<String> portText = scalar(portNode, "port");
                        if (portText.isPresent()) {
                            try {
                                port = Integer.parseInt(portText.get());
                            } catch (NumberFormatException e) {
                                port = -1;
                            }
                            if (port < 1 || port > 65535) {
                                problems.add(problem(portNode, "port '" + portText.get() + "': expected a number from 1 to 65535"));
                                port = 0;
                            }
                        }
                    }
                    List<Path> identityFiles = stringList(keys, "identityFiles").stream().map(WorkspaceYaml::expandHome).toList();
                    Optional<String> jump = optionalScalar(keys, "jump");
                    Optional<String> alias = optionalScalar(keys, "sshConfigAlias");
                    if (host.isBlank() && alias.isEmpty()) {
                        problems.add(problem(mapping, "ssh endpoint " + name.orElse("?") + ": expected 'host' (or 'sshConfigAlias')"));
                    }
                    jump.ifPresent(j -> jumpReferences.put(name.orElse("?") + "\u0000" + j, keys.get("jump").getValueNode()));
                    if (problems.size() > before || name.isEmpty()) {
                        return Optional.empty();
                    }
                    return Optional.of(new SshEndpoint(name.get(), host, port, user, identityFiles, jump, alias));
                }
                case "local" -> {
                    Map<String, NodeTuple> keys = keys(mapping, LOCAL_KEYS, "a local endpoint");
                    List<String> argv = stringList(keys, "argv");
                    if (keys.containsKey("argv") && argv.isEmpty() && problems.size() == before) {
                        problems.add(problem(keys.get("argv").getValueNode(), "argv: expected the shell's command line, e.g. [bash, -l]"));
                    }
                    Map<String, String> env = new LinkedHashMap<>();
                    if (keys.containsKey("env")) {
                        Node envNode = keys.get("env").getValueNode();
                        if (envNode instanceof MappingNode envMap) {
                            for (NodeTuple tuple : envMap.getValue()) {
                                Optional<String> k = scalar(tuple.getKeyNode(), "variable name");
                                Optional<String> v = scalar(tuple.getValueNode(), "variable value");
                                if (k.isPresent() && v.isPresent()) {
                                    env.put(k.get(), v.get());
                                }
                            }
                        } else {
                            problems.add(problem(envNode, "env: expected a mapping of NAME: value"));
                        }
                    }
                    Optional<Path> workingDir = optionalScalar(keys, "workingDir").map(WorkspaceYaml::expandHome);
                    if (problems.size() > before || name.isEmpty()) {
                        return Optional.empty();
                    }
                    if (argv.isEmpty()) {
                        return Optional.of(new LocalShellEndpoint(name.get(), LocalShellEndpoint.loginShell(name.get()).argv(), env, workingDir));
                    }
                    return Optional.of(new LocalShellEndpoint(name.get(), argv, env, workingDir));
                }
                default -> {
                    problems.add(problem(raw.get("type").getValueNode(), "type '" + type.get() + "' is unknown; expected ssh or local"));
                    return Optional.empty();
                }
            }
        }

        private void checkJumps(List<Endpoint> endpoints, Map<String, Node> jumpReferences) {
            Map<String, Endpoint> byName = new HashMap<>();
            endpoints.forEach(e -> byName.put(e.name(), e));
            for (Map.Entry<String, Node> reference : jumpReferences.entrySet()) {
                String[] parts = reference.getKey().split("\u0000", 2);
                String from = parts[0];
                String jump = parts[1];
                Endpoint target = byName.get(jump);
                if (target == null) {
                    problems.add(problem(reference.getValue(), "jump '" + jump + "' is not an endpoint of this workspace; expected one of "
                            + String.join(", ", byName.keySet().stream().filter(n -> byName.get(n) instanceof SshEndpoint).sorted().toList())));
                } else if (!(target instanceof SshEndpoint)) {
                    problems.add(problem(reference.getValue(), "jump '" + jump + "' is a local shell; expected an ssh endpoint"));
                } else {
                    Set<String> visited = new HashSet<>(List.of(from));
                    Optional<String> next = Optional.of(jump);
                    while (next.isPresent()) {
                        if (!visited.add(next.get())) {
                            problems.add(problem(reference.getValue(), "jump '" + jump + "' leads back to " + next.get()
                                    + "; expected a chain of jump hosts that ends"));
                            break;
                        }
                        Endpoint hop = byName.get(next.get());
                        next = hop instanceof SshEndpoint ssh ? ssh.jumpEndpointName() : Optional.empty();
                    }
                }
            }
        }

        private Map<String, NodeTuple> keys(MappingNode mapping, Set<String> allowed, String where) {
            Map<String, NodeTuple> keys = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Optional<String> key = scalar(tuple.getKeyNode(), "a key");
                if (key.isEmpty()) {
                    continue;
                }
                if (!allowed.contains(key.get())) {
                    problems.add(problem(tuple.getKeyNode(), "unknown key '" + key.get() + "' in " + where + "; expected one of "
                            + String.join(", ", allowed.stream().sorted().toList())));
                } else if (keys.put(key.get(), tuple) != null) {
                    problems.add(problem(tuple.getKeyNode(), "key '" + key.get() + "' appears twice in " + where));
                }
            }
            return keys;
        }

        private Optional<String> requiredScalar(Map<String, NodeTuple> keys, String key, Node owner, String what) {
            if (!keys.containsKey(key)) {
                problems.add(problem(owner, "missing '" + key + "': expected " + what));
                return Optional.empty();
            }
            Optional<String> value = scalar(keys.get(key).getValueNode(), key);
            if (value.isPresent() && value.get().isBlank()) {
                problems.add(problem(keys.get(key).getValueNode(), key + " is empty; expected " + what));
                return Optional.empty();
            }
            return value;
        }

        private Optional<String> optionalScalar(Map<String, NodeTuple> keys, String key) {
            if (!keys.containsKey(key) || isNull(keys.get(key).getValueNode())) {
                return Optional.empty();
            }
            return scalar(keys.get(key).getValueNode(), key).filter(s -> !s.isBlank());
        }

        private List<String> stringList(Map<String, NodeTuple> keys, String key) {
            if (!keys.containsKey(key) || isNull(keys.get(key).getValueNode())) {
                return List.of();
            }
            Node node = keys.get(key).getValueNode();
            if (!(node instanceof SequenceNode sequence)) {
                problems.add(problem(node, key + ": expected a list, e.g. [a, b]"));
                return List.of();
            }
            List<String> values = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                scalar(item, "an item of " + key).ifPresent(values::add);
            }
            return values;
        }

        private Optional<String> scalar(Node node, String what) {
            if (node instanceof ScalarNode scalar) {
                return Optional.of(scalar.getValue());
            }
            problems.add(problem(node, what + ": expected a single value, found a " + (node instanceof MappingNode ? "mapping" : "list")));
            return Optional.empty();
        }

        private static boolean isNull(Node node) {
            return node instanceof ScalarNode scalar && "tag:yaml.org,2002:null".equals(scalar.getTag().getValue());
        }

        private WorkspaceProblem problem(Node node, String message) {
            return problemAt(node.getStartMark(), message);
        }

        private WorkspaceProblem problemAt(Mark mark, String message) {
            return mark == null ? new WorkspaceProblem(file, 1, 1, message)
                    : new WorkspaceProblem(file, mark.getLine() + 1, mark.getColumn() + 1, message);
        }
    }

    static Path expandHome(String text) {
        if (text.equals("~") || text.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + text.substring(1));
        }
        return Path.of(text);
    }
}
