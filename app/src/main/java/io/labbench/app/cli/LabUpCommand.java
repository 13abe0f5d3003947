package io.labbench.app.cli;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LabSettingsFile;
import io.labbench.locallab.LabStatusReport;
import io.labbench.locallab.UpTimingsReport;
import io.labbench.locallab.daemon.LabDaemonLauncher;
import io.labbench.sessions.AppDirs;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Set;
import java.util.stream.Stream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code labbench lab up}: builds the local lab in a background process and returns once it is up.
 * Without settings options it uses what Lab › Local lab settings saved (the study's defaults if
 * nothing was saved); with them, the options win for this start and nothing is saved.
 */
@Command(name = "up", description = "Build the local lab (namespaces, nodes, SSH, Kubernetes API) and keep it running in the background."
        + " Without --instance-type/--control-plane-type/--prefix-delegation/--max-pods it starts with the settings saved by the app.")
public final class LabUpCommand implements Callable<Integer>, LabCliCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--instance-type", paramLabel = "TYPE", description = "Instance type of the worker node group (default: ${DEFAULT-VALUE}).")
    String nodesType = LabSettings.DEFAULT_INSTANCE_TYPE;

    @Option(names = "--control-plane-type", paramLabel = "TYPE", description = "Instance type of the control plane (default: ${DEFAULT-VALUE}).")
    String controlPlaneType = LabSettings.DEFAULT_INSTANCE_TYPE;

    @Option(names = "--prefix-delegation", description = "ENABLE_PREFIX_DELEGATION=true on aws-node: /28 prefixes per ENI slot.")
    boolean prefixDelegation;

    @Option(names = "--max-pods", paramLabel = "N", description = "kubelet maxPods with --prefix-delegation (default: ${DEFAULT-VALUE}).")
    int maxPods = 110;

    @Option(names = "--json", description = "Print the lab's status as JSON.")
    boolean json;

    @Option(names = "--timings", description = "Print how long each part of the lab's start took (machine check, network, Kubernetes API, SSH…).")
    boolean timings;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long to wait for the lab (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 180;

    @Option(names = "--prefix", hidden = true, description = "Name prefix of the lab's kernel objects (tests use their own).")
    String prefix = LabSettings.DEFAULT_PREFIX;

    /** Set by {@link QuickLabCommands}, which runs this without picocli (then {@code spec} is null). */
    private Set<String> quickFieldsGiven = Set.of();

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    @Override
    public int run(PrintWriter out, PrintWriter err) {
        LabSettings settings;
        try {
            if (settingsGiven()) {
                settings = settings(prefix).withInstanceTypes(controlPlaneType, nodesType);
                if (prefixDelegation) {
                    settings = settings.withPrefixDelegation(maxPods);
                }
            } else {
                LabSettingsFile.Loaded saved = LabSettingsFile.load(settings(prefix));
                saved.problem().ifPresent(err::println);
                settings = saved.settings();
            }
        } catch (IllegalArgumentException e) {
            err.println("labbench lab up: " + e.getMessage());
            return 2;
        }
        try {
            LabDaemonLauncher.Started started = LabDaemonLauncher.launchDetached(settings, (done, total, message) -> {
                err.println("[" + done + "/" + total + "] " + message);
                err.flush();
            }, Duration.ofSeconds(timeoutSeconds));
            // the file's own text: the same JSON as LabStateFile.toJson(status), without loading a JSON library
            out.print(json ? started.statusJson() + "\n" : LabStatusReport.text(started.status()));
            if (timings) {
                // beside --json on stderr, so stdout stays one JSON document
                PrintWriter to = json ? err : out;
                to.print(UpTimingsReport.text(started.daemonStartEpochMillis(), started.parts()));
                to.flush();
            }
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("labbench lab up: " + e.getMessage());
            return 1;
        }
    }

    @Override
    public void fieldsGiven(Set<String> fieldNames) {
        quickFieldsGiven = fieldNames;
    }

    /** True when the command line names any lab setting (then the saved settings are not used). */
    boolean settingsGiven() {
        if (spec == null) {
            return Stream.of("nodesType", "controlPlaneType", "prefixDelegation", "maxPods").anyMatch(quickFieldsGiven::contains);
        }
        var parsed = spec.commandLine().getParseResult();
        return Stream.of("--instance-type", "--control-plane-type", "--prefix-delegation", "--max-pods")
                .anyMatch(parsed::hasMatchedOption);
    }

    /** The lab's settings under this user's state folder ({@code AppDirs.state()/locallab}). */
    static LabSettings settings(String prefix) {
        return LabSettings.defaults(AppDirs.fromEnvironment().state().resolve("locallab"), prefix);
    }
}
