package io.labbench.locallab.aws;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.cluster.vpccni.InstanceTypeCatalog;
import io.labbench.locallab.net.LabNode;
import io.labbench.locallab.net.LabTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The cluster's kOps state as the state bucket would hold it: the spec YAML of the Cluster and each
 * InstanceGroup, starting from what the lab runs. {@code kops edit} replaces a document after checking
 * it (a bad edit changes nothing and says why), {@code kops update cluster --yes} makes the edited
 * settings the applied ones, and {@code kops rolling-update} re-rolls the lab when applied and running
 * differ. What the lab can act on: the instance types, {@code ENABLE_PREFIX_DELEGATION} and kubelet
 * {@code maxPods}; other fields are kept as edited and change nothing.
 */
final class KopsClusterState {

    /** Why an edited document was refused, in kOps's words ({@code spec.machineType: Invalid value: …}). */
    record Rejection(String message) {
    }

    private final LabSettings running;
    private final LabTopology topology;
    private final Path saved;
    private String cluster;
    private final Map<String, String> groups = new LinkedHashMap<>();
    private LabSettings applied;

    /**
     * @param saved where the documents are kept between labs (the bucket's stand-in on disk): documents saved
     *              by an earlier lab are used again when they describe the settings this lab runs with, so an
     *              edit such as an instance group's kubelet maxPods is still where it was made after the re-roll
     */
    KopsClusterState(LabSettings running, LabTopology topology, String stateStore, Instant created, Path saved) {
        this.running = running;
        this.topology = topology;
        this.applied = running;
        this.saved = saved;
        this.cluster = KopsSpecs.cluster(running, topology, stateStore, created);
        KopsSpecs.instanceGroups(topology).forEach((name, node) -> groups.put(name, KopsSpecs.instanceGroup(running, node, created)));
        try {
            Path config = saved.resolve("config");
            if (Files.isRegularFile(config)) {
                String savedCluster = Files.readString(config);
                Map<String, String> savedGroups = new LinkedHashMap<>();
                for (String name : groups.keySet()) {
                    savedGroups.put(name, Files.readString(saved.resolve("instancegroup").resolve(name)));
                }
                if (settingsOf(savedCluster, savedGroups).equals(running)) {
                    cluster = savedCluster;
                    groups.putAll(savedGroups);
                }
            }
        } catch (IOException | RejectedEdit e) {
            // documents from an older lab that no longer fit: this lab's own settings describe it
        }
    }

    /** {@code kops delete cluster}: the kept documents go with the cluster. */
    synchronized void forget() throws IOException {
        if (Files.isDirectory(saved)) {
            try (var walk = Files.walk(saved)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void save() {
        try {
            io.labbench.storage.AtomicFileWriter.writeString(saved.resolve("config"), cluster);
            for (Map.Entry<String, String> g : groups.entrySet()) {
                io.labbench.storage.AtomicFileWriter.writeString(saved.resolve("instancegroup").resolve(g.getKey()), g.getValue());
            }
        } catch (IOException e) {
            // the documents still live in memory for this lab; only a re-roll would regenerate them
        }
    }

    LabSettings running() {
        return running;
    }

    synchronized LabSettings applied() {
        return applied;
    }

    synchronized String clusterYaml() {
        return cluster;
    }

    synchronized Map<String, String> groupYaml() {
        return new LinkedHashMap<>(groups);
    }

    synchronized Optional<String> groupYaml(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    /** The settings the edited documents ask for; valid, since only valid edits are kept. */
    synchronized LabSettings edited() {
        try {
            return settingsOf(cluster, groups);
        } catch (RejectedEdit e) {
            throw new IllegalStateException("the kept kOps documents are invalid: " + e.getMessage(), e);
        }
    }

    /** {@code kops update cluster --yes}. */
    synchronized LabSettings apply() {
        applied = edited();
        return applied;
    }

    /** Replaces the Cluster document, or says why not. */
    synchronized Optional<Rejection> editCluster(String yaml) {
        try {
            Map<String, Object> doc = parse(yaml, "Cluster");
            expect(doc, "Cluster", running.clusterName());
            settingsOf(yaml, groups);
            cluster = yaml;
            save();
            return Optional.empty();
        } catch (RejectedEdit e) {
            return Optional.of(new Rejection(e.getMessage()));
        }
    }

    /**
     * Replaces an InstanceGroup document, or says why not. The lab runs one instance type and one
     * kubelet maxPods for both node groups, so a node group's change is copied to the other (returned as a note).
     */
    synchronized Optional<Rejection> editGroup(String name, String yaml, List<String> notes) {
        try {
            Map<String, Object> doc = parse(yaml, "InstanceGroup");
            expect(doc, "InstanceGroup", name);
            Map<String, Object> spec = map(doc.get("spec"), "spec");
            for (String size : List.of("minSize", "maxSize")) {
                Object value = spec.get(size);
                if (value != null && !Integer.valueOf(1).equals(value)) {
                    throw new RejectedEdit("spec." + size + ": Unsupported value: " + value
                            + ": the local lab runs exactly one instance per instance group");
                }
            }
            Map<String, String> next = new LinkedHashMap<>(groups);
            List<String> copies = new ArrayList<>();
            next.put(name, yaml);
            if (name.startsWith("nodes-")) {
                for (String other : groups.keySet()) {
                    if (other.startsWith("nodes-") && !other.equals(name)) {
                        String copied = copyNodeFields(next.get(other), spec);
                        if (!copied.equals(next.get(other))) {
                            copies.add("the local lab runs both node groups alike: " + other + " takes the same machineType and kubelet maxPods");
                            next.put(other, copied);
                        }
                    }
                }
            }
            settingsOf(cluster, next);
            groups.clear();
            groups.putAll(next);
            notes.addAll(copies);
            save();
            return Optional.empty();
        } catch (RejectedEdit e) {
            return Optional.of(new Rejection(e.getMessage()));
        }
    }

    private static String copyNodeFields(String otherYaml, Map<String, Object> spec) throws RejectedEdit {
        Map<String, Object> other = parse(otherYaml, "InstanceGroup");
        Map<String, Object> otherSpec = map(other.get("spec"), "spec");
        Object machineType = spec.get("machineType");
        if (machineType != null) {
            otherSpec.put("machineType", machineType);
        }
        Object kubelet = spec.get("kubelet");
        if (kubelet != null) {
            otherSpec.put("kubelet", kubelet);
        } else {
            otherSpec.remove("kubelet");
        }
        String before = otherYaml;
        org.yaml.snakeyaml.DumperOptions options = new org.yaml.snakeyaml.DumperOptions();
        options.setDefaultFlowStyle(org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(0);
        String dumped = new Yaml(options).dump(other);
        return parse(before, "InstanceGroup").equals(other) ? before : dumped;
    }

    private LabSettings settingsOf(String clusterYaml, Map<String, String> groupDocs) throws RejectedEdit {
        Map<String, Object> clusterSpec = map(parse(clusterYaml, "Cluster").get("spec"), "spec");
        boolean prefixDelegation = false;
        Object networking = map(clusterSpec.get("networking"), "spec.networking").get("amazonvpc");
        if (networking instanceof Map<?, ?> vpc && vpc.get("env") instanceof List<?> env) {
            for (Object entry : env) {
                if (entry instanceof Map<?, ?> var && "ENABLE_PREFIX_DELEGATION".equals(var.get("name"))) {
                    Object value = var.get("value");
                    if (!(value instanceof String text) || !(text.equals("true") || text.equals("false"))) {
                        throw new RejectedEdit("error parsing Cluster: json: cannot unmarshal " + goType(value)
                                + " into Go struct field EnvVar.spec.networking.amazonvpc.env.value of type string"
                                + " (write \"true\" or \"false\" in quotes)");
                    }
                    prefixDelegation = text.equals("true");
                }
            }
        }
        int maxPods = maxPods(clusterSpec, "spec.kubelet.maxPods", "Cluster");
        String controlPlaneType = running.controlPlaneInstanceType();
        String nodesType = running.nodesInstanceType();
        Map<String, LabNode> nodes = KopsSpecs.instanceGroups(topology);
        for (Map.Entry<String, String> group : groupDocs.entrySet()) {
            Map<String, Object> spec = map(parse(group.getValue(), "InstanceGroup").get("spec"), "spec");
            Object machineType = spec.get("machineType");
            if (!(machineType instanceof String type) || type.isBlank()) {
                throw new RejectedEdit("InstanceGroup/" + group.getKey() + ": spec.machineType: Required value: a machine type is required");
            }
            if (InstanceTypeCatalog.builtIn().find(type).isEmpty()) {
                throw new RejectedEdit("InstanceGroup/" + group.getKey() + ": spec.machineType: Invalid value: \"" + type
                        + "\": machine type not found (the local lab knows " + InstanceTypeCatalog.builtIn().types().size()
                        + " EC2 types, e.g. t3.medium, t3.xlarge, c5.large, m5.large)");
            }
            int groupMaxPods = maxPods(spec, "spec.kubelet.maxPods", "InstanceGroup");
            if (nodes.get(group.getKey()).role() == LabNode.Role.CONTROL_PLANE) {
                controlPlaneType = type;
            } else {
                nodesType = type;
                if (groupMaxPods > 0) {
                    maxPods = groupMaxPods;
                }
            }
        }
        try {
            LabSettings s = running.withInstanceTypes(controlPlaneType, nodesType);
            return prefixDelegation ? s.withPrefixDelegation(maxPods) : s.withoutPrefixDelegation().withKubeletMaxPods(maxPods);
        } catch (IllegalArgumentException e) {
            throw new RejectedEdit("spec: Invalid value: " + e.getMessage());
        }
    }

    private static int maxPods(Map<String, Object> spec, String path, String kind) throws RejectedEdit {
        Object kubelet = spec.get("kubelet");
        if (kubelet == null) {
            return 0;
        }
        Object value = map(kubelet, "spec.kubelet").get("maxPods");
        if (value == null) {
            return 0;
        }
        if (!(value instanceof Integer n)) {
            throw new RejectedEdit("error parsing " + kind + ": json: cannot unmarshal " + goType(value)
                    + " into Go struct field KubeletConfigSpec." + path + " of type int32");
        }
        if (n < 1 || n > 250) {
            throw new RejectedEdit(path + ": Invalid value: " + n + ": must be between 1 and 250 (the local lab's limit)");
        }
        return n;
    }

    private static String goType(Object value) {
        return value instanceof String ? "string" : value instanceof Boolean ? "bool" : value instanceof Number ? "number"
                : value instanceof List ? "array" : value instanceof Map ? "object" : "null";
    }

    private static void expect(Map<String, Object> doc, String kind, String name) throws RejectedEdit {
        if (!KopsSpecs.API_VERSION.equals(doc.get("apiVersion"))) {
            throw new RejectedEdit("apiVersion: Invalid value: \"" + doc.get("apiVersion") + "\": must be " + KopsSpecs.API_VERSION);
        }
        if (!kind.equals(doc.get("kind"))) {
            throw new RejectedEdit("kind: Invalid value: \"" + doc.get("kind") + "\": must be " + kind);
        }
        Object metadataName = map(doc.get("metadata"), "metadata").get("name");
        if (!name.equals(metadataName)) {
            throw new RejectedEdit("metadata.name: Forbidden: the name cannot be changed (was " + name + ", now " + metadataName + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String yaml, String kind) throws RejectedEdit {
        try {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
            if (!(doc instanceof Map)) {
                throw new RejectedEdit("error parsing " + kind + ": the file is not a YAML object (apiVersion, kind, metadata, spec)");
            }
            return new LinkedHashMap<>((Map<String, Object>) doc);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new RejectedEdit("error parsing " + kind + ": error converting YAML to JSON: yaml: line " + line + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new RejectedEdit("error parsing " + kind + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String path) throws RejectedEdit {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map)) {
            throw new RejectedEdit(path + ": Invalid value: expected an object with fields, found " + goType(value));
        }
        return (Map<String, Object>) value;
    }

    /** Which instance groups the applied settings would change (for {@code rolling-update}'s NEEDUPDATE). */
    synchronized List<String> groupsNeedingUpdate() {
        List<String> changed = new ArrayList<>();
        boolean clusterWide = applied.prefixDelegation() != running.prefixDelegation() || applied.kubeletMaxPods() != running.kubeletMaxPods();
        KopsSpecs.instanceGroups(topology).forEach((name, node) -> {
            boolean master = node.role() == LabNode.Role.CONTROL_PLANE;
            boolean type = master ? !applied.controlPlaneInstanceType().equals(running.controlPlaneInstanceType())
                    : !applied.nodesInstanceType().equals(running.nodesInstanceType());
            if (clusterWide || type) {
                changed.add(name);
            }
        });
        return changed;
    }

    /** A refused edit; the message is what kops prints after {@code error: }. */
    static final class RejectedEdit extends Exception {
        RejectedEdit(String message) {
            super(message);
        }
    }
}
