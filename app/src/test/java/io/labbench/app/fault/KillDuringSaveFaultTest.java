package io.labbench.app.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.app.ui.settings.UiSettingsStore;
import io.labbench.labmodel.engine.ProgressStore;
import io.labbench.sessions.workspace.WorkspaceFileException;
import io.labbench.sessions.workspace.WorkspaceYaml;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite's "kill -9 while saving": a child JVM ({@link SaveLoop}) saves the workspace, lab
 * progress and window settings through the app's real stores in a loop, and is killed with SIGKILL at
 * a random moment, {@value #DEFAULT_KILLS} times. After each kill the files are read the way the next
 * start reads them; each must be valid and hold the generation it held before or a newer one (old or
 * new, never half). Counts how many kills left a temporary file behind, i.e. landed inside a write.
 * About a minute; {@code -Dlabbench.faultKills=1000} for more. Prints the table of figures.
 */
class KillDuringSaveFaultTest {

    static final int DEFAULT_KILLS = 100;

    @TempDir
    Path workspace;

    /** What one kind of file went through. */
    private static final class Tally {
        int survived;
        int lost;
        long lastGeneration;
        String firstLoss = "";
    }

    @Test
    void everyFileIsOldOrNewAfterEveryKill() throws Exception {
        int kills = Integer.getInteger("labbench.faultKills", DEFAULT_KILLS);
        Random random = new Random(Long.getLong("labbench.faultSeed", System.nanoTime()));
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (String what : List.of("workspace.yaml", "progress.json", "settings.json")) {
            tallies.put(what, new Tally());
        }
        int midWrite = 0;
        long generation = 0;
        for (int kill = 0; kill < kills; kill++) {
            Process child = startSaveLoop(generation);
            awaitReady(child);
            Thread.sleep(random.nextInt(60));
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the killed child is gone").isTrue();
            if (leftTemporaryFile()) {
                midWrite++;
            }
            check(tallies.get("workspace.yaml"), this::workspaceGeneration);
            check(tallies.get("progress.json"), this::progressGeneration);
            check(tallies.get("settings.json"), this::settingsGeneration);
            generation = tallies.values().stream().mapToLong(t -> t.lastGeneration).max().orElse(0) + 1;
        }
        StringBuilder table = new StringBuilder("\nkill -9 while saving (" + kills + " kills, " + midWrite
                + " left a temporary file, i.e. landed inside a write)\n| what | tries | survived | lost |\n|---|---|---|---|\n");
        tallies.forEach((what, t) -> table.append("| ").append(what).append(" | ").append(kills).append(" | ")
                .append(t.survived).append(" | ").append(t.lost).append(" |\n"));
        System.out.println(table);
        tallies.forEach((what, t) -> assertThat(t.lost).as(what + " lost after a kill: " + t.firstLoss).isZero());
        assertThat(midWrite).as("kills that landed inside a write (else the test proves little)").isPositive();
    }

    @FunctionalInterface
    private interface GenerationReader {
        long read() throws Exception;
    }

    private static void check(Tally tally, GenerationReader reader) {
        try {
            long generation = reader.read();
            if (generation < tally.lastGeneration) {
                throw new IllegalStateException("went back from generation " + tally.lastGeneration + " to " + generation);
            }
            tally.lastGeneration = generation;
            tally.survived++;
        } catch (Exception e) {
            tally.lost++;
            if (tally.firstLoss.isEmpty()) {
                tally.firstLoss = e.toString();
            }
        }
    }

    private long workspaceGeneration() throws WorkspaceFileException {
        return Long.parseLong(WorkspaceYaml.read(workspace.resolve("workspace.yaml")).variables().get(SaveLoop.GENERATION));
    }

    private long progressGeneration() throws IOException {
        ProgressStore.Loaded loaded = new ProgressStore(workspace).load("pkos-week2", Set.of());
        if (loaded.problem().isPresent()) {
            throw new IOException(loaded.problem().get());
        }
        var progress = loaded.progress().orElseThrow(() -> new IOException("no progress for the lab"));
        assertThat(progress.steps()).hasSize(300);
        return Long.parseLong(progress.variables().get(SaveLoop.GENERATION));
    }

    private long settingsGeneration() throws IOException {
        UiSettingsStore.LoadOutcome outcome = new UiSettingsStore(workspace.resolve("settings.json")).tryLoad();
        if (outcome.problem().isPresent()) {
            throw new IOException(outcome.problem().get());
        }
        assertThat(outcome.result().openTerminals()).hasSize(2000);
        return (long) outcome.result().window().width();
    }

    private boolean leftTemporaryFile() throws IOException {
        try (Stream<Path> files = Files.list(workspace)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"));
        }
    }

    private Process startSaveLoop(long generation) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", classpath,
                SaveLoop.class.getName(), workspace.toString(), Long.toString(generation))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static void awaitReady(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the save loop started").isEqualTo("ready");
    }
}
