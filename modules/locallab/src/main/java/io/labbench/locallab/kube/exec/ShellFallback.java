package io.labbench.locallab.kube.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The study types {@code kubectl exec -it pod-1 -- zsh} (netshoot ships zsh). The lab's pods run the
 * host's programs, so when the host has no zsh the command falls back to bash and the learner is told.
 */
public final class ShellFallback {

    /** The command to run and, when it was changed, what to tell the user. */
    public record Choice(List<String> command, String notice) {
    }

    private final Predicate<String> installed;

    public ShellFallback(Predicate<String> installed) {
        this.installed = installed;
    }

    /** Looks programs up on this process's PATH. */
    public static ShellFallback onPath() {
        return new ShellFallback(ShellFallback::onSystemPath);
    }

    public Choice choose(List<String> command) {
        if (command.isEmpty()) {
            return new Choice(command, "");
        }
        String program = command.get(0);
        String base = program.substring(program.lastIndexOf('/') + 1);
        if (base.equals("zsh") && !installed.test(program)) {
            List<String> changed = new ArrayList<>(command);
            changed.set(0, "bash");
            return new Choice(changed, "zsh is not installed on this machine, so the local lab's pods have no zsh;"
                    + " starting bash instead (install it with: sudo apt-get install zsh)\r\n");
        }
        return new Choice(command, "");
    }

    static boolean onSystemPath(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
