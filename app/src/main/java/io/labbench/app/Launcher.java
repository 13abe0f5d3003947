package io.labbench.app;

import io.labbench.app.cli.LabBenchCommand;
import io.labbench.app.cli.QuickLabCommands;
import io.labbench.app.cli.QuickWindowLaunch;
import io.labbench.app.ui.DesktopLauncher;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * The entry point. It must not extend {@code javafx.application.Application}: from the classpath the
 * JavaFX launcher would otherwise insist on the module path.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        // the window's own options skip picocli's start-up too (see QuickWindowLaunch)
        Optional<DesktopLauncher.Options> window = QuickWindowLaunch.parse(args);
        if (window.isPresent()) {
            int code = DesktopLauncher.launch(window.get());
            if (window.get().startupProbe()) {
                System.exit(code);
            }
            return;
        }
        // lab up|down|status skip picocli's start-up: a cold JVM's seconds count for these (see QuickLabCommands)
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Optional<Integer> quick = QuickLabCommands.run(args, out, err);
        out.flush();
        err.flush();
        int exitCode = quick.orElseGet(() -> LabBenchCommand.commandLine().execute(args));
        if (exitCode != LabBenchCommand.KEEP_RUNNING) {
            System.exit(exitCode);
        }
    }
}
