package io.labbench.app;

import io.labbench.app.cli.LabBenchCommand;
import picocli.CommandLine;

/**
 * The entry point. It must not extend {@code javafx.application.Application}: from the classpath the
 * JavaFX launcher would otherwise insist on the module path.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        int exitCode = LabBenchCommand.commandLine().execute(args);
        if (exitCode != LabBenchCommand.KEEP_RUNNING) {
            System.exit(exitCode);
        }
    }
}
