package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.net.LabCleaner;
import io.labbench.locallab.parts.Part;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Removes what a lab with the same prefix left in the kernel and in its folder (a crash, a killed
 * daemon), so the parts after it build on an empty place. The SSH key part's scratch folder is kept:
 * ssh-keygen may already be writing into it.
 */
final class LeftoversPart implements Part {

    private final LabSettings settings;
    private final List<Part> after;

    LeftoversPart(LabSettings settings, Part machineCheck) {
        this.settings = settings;
        this.after = List.of(machineCheck);
    }

    @Override
    public String name() {
        return "leftovers";
    }

    @Override
    public String description() {
        return "Removing what an earlier lab '" + settings.prefix() + "' left behind";
    }

    @Override
    public String stopDescription() {
        return "Checking nothing is left behind";
    }

    @Override
    public List<Part> after() {
        return after;
    }

    @Override
    public void start() throws IOException {
        List<String> removed = remove(settings);
        if (!removed.isEmpty()) {
            Logger.getLogger(LocalLab.class.getName()).info(() -> "removed a lab left behind: " + removed);
        }
    }

    /** Kills a crashed lab's rootless helper and processes, deletes its namespaces and its folder. */
    static List<String> remove(LabSettings settings) throws IOException {
        Optional<LabStateFile.State> state = LabStateFile.readState(settings);
        List<String> removed = new ArrayList<>();
        state.filter(s -> s.rootless() && s.holderPid() > 0).flatMap(s -> ProcessHandle.of(s.holderPid()))
                .ifPresent(h -> {
                    removed.add("rootless helper " + h.pid());
                    h.destroyForcibly();
                });
        removed.addAll(new LabCleaner(settings.prefix(), settings.labDir(),
                state.map(LabStateFile.State::userNamespace)).clean());
        LocalLab.deleteRecursively(settings.labDir());
        return removed;
    }
}
