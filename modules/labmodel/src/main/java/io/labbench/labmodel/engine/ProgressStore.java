package io.labbench.labmodel.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes {@code progress.json} in the workspace folder. Writes go to a temporary file in the
 * same folder and are moved over the old one atomically, so a crash mid-write never leaves half a file.
 * The JSON is written by hand (no annotations on the records) to keep the file's shape stable.
 */
public final class ProgressStore {
    public static final String FILE_NAME = "progress.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;

    public ProgressStore(Path workspaceDir) {
        this.file = workspaceDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The saved progress for {@code labId}; empty when there is none or it belongs to another lab. */
    public Optional<LabProgress> load(String labId) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        JsonNode labs = root.path("labs").path(labId);
        if (labs.isMissingNode()) {
            return Optional.empty();
        }
        Map<String, String> variables = new LinkedHashMap<>();
        labs.path("variables").fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
        Map<String, StepProgress> steps = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = labs.path("steps").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            steps.put(e.getKey(), step(e.getValue()));
        }
        return Optional.of(new LabProgress(labId, variables, steps));
    }

    /** Saves {@code progress}, keeping other labs' progress in the same workspace. */
    public void save(LabProgress progress) throws IOException {
        ObjectNode root = Files.isRegularFile(file) ? readObject() : JSON.createObjectNode();
        root.put("format", 1);
        ObjectNode labs = root.with("labs");
        ObjectNode lab = JSON.createObjectNode();
        ObjectNode variables = lab.putObject("variables");
        progress.variables().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> variables.put(e.getKey(), e.getValue()));
        ObjectNode steps = lab.putObject("steps");
        progress.steps().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> steps.set(e.getKey(), step(e.getValue())));
        labs.set(progress.labId(), lab);
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".progress-", ".json.tmp");
        try {
            Files.writeString(temp, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private ObjectNode readObject() {
        try {
            JsonNode node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            return node instanceof ObjectNode o ? o : JSON.createObjectNode();
        } catch (IOException e) {
            // A damaged file is replaced rather than blocking every later save.
            return JSON.createObjectNode();
        }
    }

    private static ObjectNode step(StepProgress step) {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", step.status().name());
        step.startedAt().ifPresent(t -> node.put("startedAt", t.toString()));
        ArrayNode checks = node.putArray("checks");
        for (CheckRecord c : step.checks()) {
            checks.addObject().put("index", c.index()).put("passed", c.passed()).put("why", c.why()).put("at", c.at().toString());
        }
        ObjectNode baselines = node.putObject("baselines");
        step.baselines().forEach((k, v) -> baselines.put(String.valueOf(k), v));
        ArrayNode evidence = node.putArray("evidence");
        for (Evidence e : step.evidence()) {
            evidence.addObject().put("kind", e.kind()).put("title", e.title()).put("text", e.text())
                    .put("file", e.file()).put("at", e.at().toString());
        }
        return node;
    }

    private static StepProgress step(JsonNode node) {
        StepStatus status;
        try {
            status = StepStatus.valueOf(node.path("status").asText("NOT_STARTED"));
        } catch (IllegalArgumentException e) {
            status = StepStatus.NOT_STARTED;
        }
        Optional<Instant> startedAt = node.hasNonNull("startedAt") ? Optional.of(Instant.parse(node.get("startedAt").asText())) : Optional.empty();
        List<CheckRecord> checks = new ArrayList<>();
        node.path("checks").forEach(c -> checks.add(new CheckRecord(c.path("index").asInt(), c.path("passed").asBoolean(),
                c.path("why").asText(), Instant.parse(c.path("at").asText(Instant.EPOCH.toString())))));
        Map<Integer, Long> baselines = new HashMap<>();
        node.path("baselines").fields().forEachRemaining(e -> baselines.put(Integer.parseInt(e.getKey()), e.getValue().asLong()));
        List<Evidence> evidence = new ArrayList<>();
        node.path("evidence").forEach(e -> evidence.add(new Evidence(e.path("kind").asText(), e.path("title").asText(),
                e.path("text").asText(), e.path("file").asText(), Instant.parse(e.path("at").asText(Instant.EPOCH.toString())))));
        return new StepProgress(status, startedAt, checks, baselines, evidence);
    }
}
