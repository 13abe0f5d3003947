package io.labbench.app.cli;

import io.labbench.app.ui.DesktopLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code labbench}: with no subcommand it opens the window. */
@Command(name = "labbench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A workbench for hands-on Kubernetes networking labs.",
        subcommands = {ParseCommand.class, LabCommand.class, PathCommand.class})
public final class LabBenchCommand implements Callable<Integer> {

    /** Returned when the window is open: main() must not call System.exit then. */
    public static final int KEEP_RUNNING = -1;

    @Option(names = "--startup-probe",
            description = "Open the window, print the milliseconds from JVM start to the first rendered frame, and exit.")
    boolean startupProbe;

    @Option(names = "--workspace", paramLabel = "NAME", description = "Workspace to open (default: the last one used).")
    String workspace;

    @Option(names = "--backend", paramLabel = "local|aws|shells",
            description = "Backend for a new workspace: local (the embedded local lab, default), aws, or shells (plain local shells).")
    String backend;

    @Spec
    CommandSpec spec;

    public static CommandLine commandLine() {
        return new CommandLine(new LabBenchCommand());
    }

    @Override
    public Integer call() {
        if (backend != null && !java.util.List.of("local", "aws", "shells").contains(backend)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--backend " + backend + ": expected local, aws or shells");
        }
        int code = DesktopLauncher.launch(new DesktopLauncher.Options(startupProbe, workspace, backend));
        return startupProbe ? code : KEEP_RUNNING;
    }
}
