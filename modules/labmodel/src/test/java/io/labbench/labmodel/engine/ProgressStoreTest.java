package io.labbench.labmodel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressStoreTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path workspace;

    private ProgressStore store() {
        return new ProgressStore(workspace, CLOCK);
    }

    private static LabProgress progress(String labId, String stepId, StepStatus status, Map<String, String> variables) {
        StepProgress step = new StepProgress(status, Optional.empty(), List.of(), Map.of(), List.of());
        return new LabProgress(labId, variables, Map.of(stepId, step));
    }

    @Test
    void aDamagedFileIsSetAsideAndReportedNotSilentlyDroppedOnTheNextSave() throws IOException {
        store().save(progress("week1", "1.1", StepStatus.DONE, Map.of()), Set.of());
        String week1 = Files.readString(workspace.resolve("progress.json"));
        // A crash of some other tool, or a hand edit, cuts the file.
        String damaged = week1.substring(0, week1.length() / 2);
        Files.writeString(workspace.resolve("progress.json"), damaged);

        ProgressStore.Loaded loaded = store().load("week2", Set.of());

        assertThat(loaded.progress()).isEmpty();
        assertThat(loaded.problem()).hasValueSatisfying(message -> assertThat(message)
                .contains("could not be read").contains("line ").contains("progress.damaged-20261207-030000.json"));
        Path aside = workspace.resolve("progress.damaged-20261207-030000.json");
        assertThat(Files.readString(aside)).isEqualTo(damaged);

        Optional<String> saveProblem = store().save(progress("week2", "2.1", StepStatus.DONE, Map.of()), Set.of());

        assertThat(saveProblem).isEmpty();
        assertThat(store().load("week2", Set.of()).progress()).hasValueSatisfying(p ->
                assertThat(p.steps().get("2.1").status()).isEqualTo(StepStatus.DONE));
        assertThat(Files.readString(aside)).isEqualTo(damaged);
    }

    @Test
    void aFileDamagedWhileTheAppRunsIsSetAsideBySaveWhichSaysSo() throws IOException {
        Files.writeString(workspace.resolve("progress.json"), "[1, 2]");

        Optional<String> problem = store().save(progress("week2", "2.1", StepStatus.DONE, Map.of()), Set.of());

        assertThat(problem).hasValueSatisfying(message -> assertThat(message).contains("not a JSON object"));
        assertThat(workspace.resolve("progress.damaged-20261207-030000.json")).hasContent("[1, 2]");
    }

    @Test
    void otherLabsAndUnreadableStepsOfOtherLabsAreKeptAsTheyAre() throws IOException {
        Files.writeString(workspace.resolve("progress.json"), """
                {"format": 1, "labs": {
                  "week1": {"variables": {}, "steps": {"1.1": {"status": "DONE", "startedAt": "not a time"}}},
                  "week2": {"variables": {"POD1": "10.0.1.5"}, "steps": {
                     "2.1": {"status": "DONE"},
                     "2.2": {"status": "IN_PROGRESS", "startedAt": "yesterday"}}}}}
                """);

        ProgressStore.Loaded week2 = store().load("week2", Set.of());

        assertThat(week2.progress().orElseThrow().steps()).containsOnlyKeys("2.1");
        assertThat(week2.progress().orElseThrow().variables()).containsEntry("POD1", "10.0.1.5");
        assertThat(week2.problem()).hasValueSatisfying(message -> assertThat(message).contains("2.2").contains("every other step"));

        store().save(progress("week2", "2.3", StepStatus.DONE, Map.of()), Set.of());

        assertThat(Files.readString(workspace.resolve("progress.json"))).contains("\"not a time\"");
    }

    @Test
    void secretVariablesNeverReachTheFileAndOnesAnOlderVersionWroteAreDropped() throws IOException {
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        Files.writeString(workspace.resolve("progress.json"), """
                {"format": 1, "labs": {"week2": {"variables": {"IAM_SECRET_ACCESS_KEY": "%s", "POD1": "10.0.1.5"}, "steps": {}}}}
                """.formatted(secret));
        Set<String> secrets = Set.of("IAM_SECRET_ACCESS_KEY");

        LabProgress loaded = store().load("week2", secrets).progress().orElseThrow();
        assertThat(loaded.variables()).containsOnlyKeys("POD1");

        store().save(new LabProgress("week2", Map.of("IAM_SECRET_ACCESS_KEY", secret, "POD1", "10.0.1.5"), Map.of()), secrets);

        String onDisk = Files.readString(workspace.resolve("progress.json"));
        assertThat(onDisk).doesNotContain(secret).doesNotContain("IAM_SECRET_ACCESS_KEY").contains("10.0.1.5");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workspace.resolve("progress.json"))))
                .isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(workspace)) {
            assertThat(files).containsExactly(workspace.resolve("progress.json"));
        }
    }
}
