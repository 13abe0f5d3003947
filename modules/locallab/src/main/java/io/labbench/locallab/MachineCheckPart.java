package io.labbench.locallab;

import io.labbench.locallab.check.MachineCheck;
import io.labbench.locallab.check.MachineFinding;
import io.labbench.locallab.parts.Part;
import java.io.IOException;
import java.util.List;

/** Refuses to go on, with every missing piece and its fix named, when this machine cannot run the lab. */
final class MachineCheckPart implements Part {

    private final MachineCheck check;

    MachineCheckPart(MachineCheck check) {
        this.check = check;
    }

    @Override
    public String name() {
        return "machine check";
    }

    @Override
    public String description() {
        return "Checking the machine";
    }

    @Override
    public String stopDescription() {
        return "Finishing";
    }

    @Override
    public void start() throws IOException {
        List<MachineFinding> blocking = check.findings().stream().filter(MachineFinding::blocking).toList();
        if (!blocking.isEmpty()) {
            throw new IOException("this machine cannot run the local lab yet:\n  - "
                    + String.join("\n  - ", blocking.stream().map(MachineFinding::toString).toList()));
        }
    }
}
