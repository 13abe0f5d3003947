package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.parts.Part;
import io.labbench.locallab.ssh.LabEndpoint;
import io.labbench.locallab.ssh.LabSsh;
import io.labbench.locallab.ssh.MachineShell;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** One SSH server per machine on host loopback, with the machines' shells; no namespace needed yet. */
final class SshServersPart implements Part {

    private final LabSettings settings;
    private final LabTopology topology;
    private final KernelAccessPart kernel;
    private final SshKeysPart keys;
    private volatile LabSsh ssh;

    SshServersPart(LabSettings settings, LabTopology topology, KernelAccessPart kernel, SshKeysPart keys) {
        this.settings = settings;
        this.topology = topology;
        this.kernel = kernel;
        this.keys = keys;
    }

    @Override
    public String name() {
        return "ssh servers";
    }

    @Override
    public String description() {
        return "Starting SSH into " + String.join(", ", topology.nodes().stream().map(n -> n.name()).toList());
    }

    @Override
    public String stopDescription() {
        return "Stopping SSH";
    }

    @Override
    public List<Part> after() {
        return List.of(kernel, keys);
    }

    @Override
    public void start() throws IOException {
        ssh = LabSsh.start(topology, kernel.kernel(), settings.labDir(), settings.kubeconfig(), keys.keys());
    }

    LabSsh ssh() {
        LabSsh running = ssh;
        if (running == null) {
            throw new IllegalStateException("the lab's SSH servers are not running");
        }
        return running;
    }

    List<LabEndpoint> endpoints() {
        LabSsh running = ssh;
        return running == null ? List.of() : running.endpoints();
    }

    Optional<MachineShell> shell(String machine) {
        LabSsh running = ssh;
        return running == null ? Optional.empty() : running.shell(machine);
    }

    @Override
    public void stop() {
        LabSsh running = ssh;
        ssh = null;
        if (running != null) {
            running.close();
        }
    }
}
