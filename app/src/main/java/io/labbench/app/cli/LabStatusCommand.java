package io.labbench.app.cli;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LabStateFile;
import io.labbench.locallab.LabStatus;
import io.labbench.locallab.LabStatusReport;
import io.labbench.locallab.check.MachineCheck;
import io.labbench.locallab.daemon.LabDaemonLauncher;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code labbench lab status [--json]}: exit 0 when the lab runs, 3 when it does not. */
@Command(name = "status", description = "Show the local lab's nodes, addresses, SSH ports and kubeconfig; when it is not running, what this machine lacks.")
public final class LabStatusCommand implements Callable<Integer>, LabCliCommand {

    /** Exit code when the lab is not running (as {@code systemctl status} does). */
    public static final int NOT_RUNNING = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON: running, nodes[] (name, netns, ip, instanceType, maxPods), kubeconfig, sshPorts, rootless.")
    boolean json;

    @Option(names = "--prefix", hidden = true, description = "Name prefix of the lab's kernel objects.")
    String prefix = LabSettings.DEFAULT_PREFIX;

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    @Override
    public int run(PrintWriter out, PrintWriter err) {
        LabStatus status = LabDaemonLauncher.status(LabUpCommand.settings(prefix));
        if (json) {
            out.println(LabStateFile.toJson(status));
        } else {
            out.print(LabStatusReport.text(status));
            if (!status.running()) {
                out.print(LabStatusReport.findings(MachineCheck.ofThisMachine().findings()));
            }
        }
        out.flush();
        return status.running() ? 0 : NOT_RUNNING;
    }
}
