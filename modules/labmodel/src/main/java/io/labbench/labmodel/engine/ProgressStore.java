package io.labbench.labmodel.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.storage.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes {@code progress.json} in the workspace folder, which holds every lab's progress in
 * that workspace. Writes go through {@link AtomicFileWriter}, so a crash mid-write leaves the old file or
 * the new one. A file that cannot be read as progress is never silently replaced: it is renamed to
 * {@code progress.damaged-<time>.json} beside it (so nothing in it is lost) and the learner is told; a
 * damaged step is skipped while the rest of its lab and the other labs load. Values of the variables the
 * caller names secret are never written, and ones an older version wrote are ignored on load and dropped
 * from the file on the next save. The JSON is written by hand (no annotations on the records) to keep its shape stable.
 */
public final class ProgressStore {
    public static final String FILE_NAME = "progress.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter ASIDE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private final Path file;
    private final Clock clock;

    public ProgressStore(Path workspaceDir) {
        this(workspaceDir, Clock.systemUTC());
    }

    ProgressStore(Path workspaceDir, Clock clock) {
        this.file = workspaceDir.resolve(FILE_NAME);
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /** What {@link #load} found: the lab's progress if any, and what the learner should be told if something was wrong. */
    public record Loaded(Optional<LabProgress> progress, Optional<String> problem) {
    }

    /**
     * The saved progress for {@code labId} (empty when there is none), without the values of
     * {@code secretVariables}. A file that is not progress JSON is set aside and reported.
     */
    public synchronized Loaded load(String labId, Set<String> secretVariables) throws IOException {
        Optional<ObjectNode> root = readRoot();
        if (root.isEmpty()) {
            return new Loaded(Optional.empty(), setAsideIfDamaged());
        }
        JsonNode labs = root.get().path("labs").path(labId);
        if (!labs.isObject()) {
            return new Loaded(Optional.empty(), Optional.empty());
        }
        Map<String, String> variables = new LinkedHashMap<>();
        labs.path("variables").fields().forEachRemaining(e -> {
            if (!secretVariables.contains(e.getKey()) && e.getValue().isValueNode()) {
                variables.put(e.getKey(), e.getValue().asText());
            }
        });
        Map<String, StepProgress> steps = new HashMap<>();
        List<String> damagedSteps = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = labs.path("steps").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                steps.put(e.getKey(), step(e.getValue()));
            } catch (RuntimeException damaged) {
                damagedSteps.add(e.getKey());
            }
        }
        Optional<String> problem = damagedSteps.isEmpty() ? Optional.empty() : Optional.of("the saved progress of step(s) "
                + String.join(", ", damagedSteps) + " in " + file + " could not be read and starts afresh; every other step was restored");
        return new Loaded(Optional.of(new LabProgress(labId, variables, steps)), problem);
    }

    /**
     * Saves {@code progress} without the values of {@code secretVariables}, keeping other labs' progress
     * in the same workspace as it is. If the file on disk is damaged it is first set aside; the returned
     * message says so (empty when all went well).
     */
    public synchronized Optional<String> save(LabProgress progress, Set<String> secretVariables) throws IOException {
        Optional<ObjectNode> existing = readRoot();
        Optional<String> problem = existing.isEmpty() ? setAsideIfDamaged() : Optional.empty();
        ObjectNode root = existing.orElseGet(JSON::createObjectNode);
        root.put("format", 1);
        ObjectNode labs = root.path("labs").isObject() ? (ObjectNode) root.get("labs") : root.putObject("labs");
        ObjectNode lab = JSON.createObjectNode();
        ObjectNode variables = lab.putObject("variables");
        progress.variables().entrySet().stream().filter(e -> !secretVariables.contains(e.getKey()))
                .sorted(Map.Entry.comparingByKey()).forEach(e -> variables.put(e.getKey(), e.getValue()));
        ObjectNode steps = lab.putObject("steps");
        progress.steps().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> steps.set(e.getKey(), step(e.getValue())));
        labs.set(progress.labId(), lab);
        AtomicFileWriter.write(file, JSON.writeValueAsBytes(root));
        return problem;
    }

    /** The file as a JSON object; empty when there is no file or it is not a JSON object (then {@link #setAsideIfDamaged} applies). */
    private Optional<ObjectNode> readRoot() throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            JsonNode node = JSON.readTree(bytes);
            return node instanceof ObjectNode o && (o.path("labs").isObject() || o.path("labs").isMissingNode())
                    ? Optional.of(o) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** Renames a file that is there but not readable progress out of the way, and says what happened. */
    private Optional<String> setAsideIfDamaged() throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String why = whyDamaged();
        Path aside = file.resolveSibling("progress.damaged-" + ASIDE_STAMP.format(clock.instant()) + ".json");
        for (int n = 2; Files.exists(aside); n++) {
            aside = file.resolveSibling("progress.damaged-" + ASIDE_STAMP.format(clock.instant()) + "-" + n + ".json");
        }
        Files.move(file, aside);
        AtomicFileWriter.forceFolder(file.toAbsolutePath().getParent());
        return Optional.of("Your saved lab progress in " + file + " could not be read (" + why + "). It was kept as "
                + aside.getFileName() + " in the same folder and progress starts afresh; to recover, fix that file and"
                + " rename it back to " + FILE_NAME + " while LabBench is closed.");
    }

    private String whyDamaged() {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            return node instanceof ObjectNode ? "\"labs\" is not an object" : "it is not a JSON object";
        } catch (JacksonException e) {
            return e.getLocation() == null ? e.getOriginalMessage() : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage();
        } catch (IOException e) {
            return e.getMessage();
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
