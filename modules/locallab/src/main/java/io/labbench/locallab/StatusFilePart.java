package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.parts.Part;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The last part: marks the state file {@code up} and writes {@code status.json}, which {@code labbench
 * lab up} waits for. It comes after every other part, so the status it writes is complete.
 */
final class StatusFilePart implements Part {

    private final LabSettings settings;
    private final KernelAccessPart kernel;
    private final Supplier<LabStatus> status;
    private final List<Part> after;
    private volatile LabStatus written;

    /** @param after every part before it in the list */
    StatusFilePart(LabSettings settings, KernelAccessPart kernel, Supplier<LabStatus> status, List<Part> after) {
        this.settings = settings;
        this.kernel = kernel;
        this.status = status;
        this.after = List.copyOf(after);
    }

    @Override
    public String name() {
        return "status file";
    }

    @Override
    public String description() {
        return "Writing the lab's status";
    }

    @Override
    public String stopDescription() {
        return "Taking the lab down";
    }

    @Override
    public List<Part> after() {
        return after;
    }

    @Override
    public void start() throws IOException {
        LabStatus up = status.get();
        kernel.writeState("up");
        LabStateFile.writeStatus(settings, up);
        written = up;
    }

    /** The status it wrote. */
    LabStatus written() {
        LabStatus up = written;
        if (up == null) {
            throw new IllegalStateException("the lab's status was not written");
        }
        return up;
    }
}
