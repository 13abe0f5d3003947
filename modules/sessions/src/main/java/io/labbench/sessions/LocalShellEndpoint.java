package io.labbench.sessions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A shell on this machine, started in a pty for terminals and through {@code bash -lc} for commands.
 *
 * @param argv       the interactive shell's command line, e.g. {@code [bash, -l]}
 * @param env        variables added to this process's environment
 * @param workingDir where the shell starts; empty means the user's home
 */
public record LocalShellEndpoint(String name, List<String> argv, Map<String, String> env, Optional<Path> workingDir)
        implements Endpoint {

    public LocalShellEndpoint {
        Objects.requireNonNull(name, "name");
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        Objects.requireNonNull(workingDir, "workingDir");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("endpoint " + name + ": argv must name a shell, e.g. [bash, -l]");
        }
    }

    /** The user's login shell ({@code $SHELL}, else bash) started as a login shell in the home folder. */
    public static LocalShellEndpoint loginShell(String name) {
        String shell = Optional.ofNullable(System.getenv("SHELL")).filter(s -> !s.isBlank()).orElse("/bin/bash");
        return new LocalShellEndpoint(name, List.of(shell, "-l"), Map.of(), Optional.empty());
    }
}
