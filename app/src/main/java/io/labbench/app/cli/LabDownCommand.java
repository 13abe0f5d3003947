package io.labbench.app.cli;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.daemon.LabDaemonLauncher;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code labbench lab down}: stops the lab's process and removes everything it created, also after a crash. */
@Command(name = "down", description = "Remove everything the local lab created (also what a crashed lab left).")
public final class LabDownCommand implements Callable<Integer>, LabCliCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--prefix", hidden = true, description = "Name prefix of the lab's kernel objects.")
    String prefix = LabSettings.DEFAULT_PREFIX;

    @Option(names = {"-v", "--verbose"}, description = "List what was removed.")
    boolean verbose;

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    @Override
    public int run(PrintWriter out, PrintWriter err) {
        try {
            List<String> removed = LabDaemonLauncher.stop(LabUpCommand.settings(prefix), Duration.ofSeconds(60));
            out.println(removed.isEmpty() ? "The local lab '" + prefix + "' was not running; nothing to remove."
                    : "The local lab '" + prefix + "' is down.");
            if (verbose) {
                removed.forEach(r -> out.println("  removed " + r));
            }
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("labbench lab down: " + e.getMessage()
                    + "; run it again, or remove the namespaces named '" + prefix + "-…' with 'ip netns del' as root");
            return 1;
        }
    }
}
