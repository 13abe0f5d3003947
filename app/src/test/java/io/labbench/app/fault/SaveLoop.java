package io.labbench.app.fault;

import io.labbench.app.ui.settings.UiSettings;
import io.labbench.app.ui.settings.UiSettingsStore;
import io.labbench.app.ui.settings.WindowGeometry;
import io.labbench.labmodel.engine.Evidence;
import io.labbench.labmodel.engine.LabProgress;
import io.labbench.labmodel.engine.ProgressStore;
import io.labbench.labmodel.engine.StepProgress;
import io.labbench.labmodel.engine.StepStatus;
import io.labbench.sessions.workspace.Workspace;
import io.labbench.sessions.workspace.WorkspaceYaml;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The child process {@link KillDuringSaveFaultTest} kills: saves the workspace, the lab progress and
 * the window settings through the app's own stores, generation after generation, as fast as it can,
 * until it is killed. Each file says which generation it holds, so the test can tell old from new.
 * The files are a few hundred KB so that a write takes long enough for kills to land inside it.
 * Prints "ready" once every file has been written once.
 */
public final class SaveLoop {

    static final String GENERATION = "GENERATION";

    private SaveLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path workspaceDir = Path.of(args[0]);
        ProgressStore progress = new ProgressStore(workspaceDir);
        UiSettingsStore settings = new UiSettingsStore(workspaceDir.resolve("settings.json"));
        Path workspaceFile = workspaceDir.resolve("workspace.yaml");
        long generation = Long.parseLong(args[1]);
        boolean announced = false;
        while (true) {
            generation++;
            WorkspaceYaml.write(workspace(generation), workspaceFile);
            progress.save(progress(generation), Set.of());
            settings.save(settings(generation));
            if (!announced) {
                System.out.println("ready");
                System.out.flush();
                announced = true;
            }
        }
    }

    static Workspace workspace(long generation) {
        Workspace workspace = Workspace.defaultLocal("fault").withVariable(GENERATION, Long.toString(generation));
        for (int i = 0; i < 400; i++) {
            workspace = workspace.withVariable("POD_IP_" + i, "10.0." + (i % 250) + "." + (generation % 250));
        }
        return workspace;
    }

    static LabProgress progress(long generation) {
        Map<String, StepProgress> steps = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(new Evidence("text", "ip route on worker1", ("default via 172.30.0.1 dev ens5 generation " + generation
                    + "\n").repeat(8), "", Instant.EPOCH));
            steps.put("step-" + i, new StepProgress(StepStatus.DONE, Optional.of(Instant.EPOCH), List.of(), Map.of(i, generation), evidence));
        }
        return new LabProgress("pkos-week2", Map.of(GENERATION, Long.toString(generation)), steps);
    }

    static UiSettings settings(long generation) {
        List<String> terminals = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            terminals.add("worker" + i + "-generation-" + generation);
        }
        return UiSettings.defaults().withWindow(new WindowGeometry(0, 0, generation, 900, false)).withOpenTerminals(terminals);
    }
}
