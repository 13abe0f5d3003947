package io.labbench.app.cli;

import io.labbench.app.ui.DesktopLauncher;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code labbench}: with no subcommand it opens the window. Its own options ({@code --backend},
 * {@code --workspace}, {@code --startup-probe}) are the window's: given with a subcommand
 * ({@code labbench --backend=gcp parse …}) they are refused, as is a backend it does not have.
 */
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

    private static final List<String> WINDOW_OPTIONS = List.of("--backend", "--workspace", "--startup-probe");

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LabBenchCommand());
        // picocli runs only the last subcommand, so the window's options would be dropped without a word
        commandLine.setExecutionStrategy(parseResult -> {
            refuseWindowOptionsWithASubcommand(parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        return commandLine;
    }

    private static void refuseWindowOptionsWithASubcommand(CommandLine.ParseResult parseResult) {
        if (parseResult.hasMatchedOption("--backend")) {
            String value = parseResult.matchedOptionValue("--backend", "");
            if (!QuickWindowLaunch.BACKENDS.contains(value)) {
                throw new CommandLine.ParameterException(parseResult.commandSpec().commandLine(),
                        "--backend " + value + ": expected local, aws or shells");
            }
        }
        if (!parseResult.hasSubcommand()) {
            return;
        }
        String subcommand = parseResult.subcommand().commandSpec().name();
        for (String option : WINDOW_OPTIONS) {
            if (parseResult.hasMatchedOption(option)) {
                throw new CommandLine.ParameterException(parseResult.commandSpec().commandLine(),
                        option + " is an option of the window, not of '" + subcommand + "'; drop it, or run 'labbench "
                                + option + (option.equals("--startup-probe") ? "" : " …") + "' without a subcommand");
            }
        }
    }

    @Override
    public Integer call() {
        int code = DesktopLauncher.launch(new DesktopLauncher.Options(startupProbe, workspace, backend));
        return startupProbe ? code : KEEP_RUNNING;
    }
}
