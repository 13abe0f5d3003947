package io.labbench.locallab.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the system commands the lab runs ({@code ip}, {@code sysctl}, {@code iptables-restore},
 * {@code nsenter}, {@code socat}, …) as absolute paths. Debian's login PATH for a normal user is
 * {@code /usr/local/bin:/usr/bin:/bin:/usr/games}, without the {@code sbin} folders where {@code sysctl},
 * {@code iptables} and {@code conntrack} live: so the search is the PATH and then those folders, and
 * every process the lab starts gets that search as its PATH too (for what {@code nsenter}, {@code sh} and
 * {@code setpriv} start in turn).
 */
public final class SystemTools {

    /** Where system commands live on Debian and Ubuntu, searched after the PATH. */
    public static final List<String> SYSTEM_DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
            "/sbin", "/bin");

    private static final SystemTools THIS_MACHINE = new SystemTools(System.getenv("PATH"));

    private final List<String> dirs;
    /** Only what was found: a command the learner installs while the app runs is found on the next look. */
    private final Map<String, Path> found = new ConcurrentHashMap<>();

    /** @param pathVariable a PATH value ({@code a:b:c}); null or empty means none */
    public SystemTools(String pathVariable) {
        Set<String> all = new LinkedHashSet<>();
        if (pathVariable != null) {
            for (String dir : pathVariable.split(":")) {
                // an empty entry means the working folder to a shell: never for the lab's root commands
                if (dir.startsWith("/")) {
                    all.add(dir);
                }
            }
        }
        all.addAll(SYSTEM_DIRS);
        this.dirs = List.copyOf(all);
    }

    /** This JVM's PATH plus {@link #SYSTEM_DIRS}. */
    public static SystemTools ofThisMachine() {
        return THIS_MACHINE;
    }

    /** The command's absolute path, or empty when no folder of the search has it as an executable file. */
    public Optional<Path> find(String command) {
        if (command.contains("/")) {
            Path given = Path.of(command);
            return Files.isRegularFile(given) && Files.isExecutable(given) ? Optional.of(given) : Optional.empty();
        }
        Path known = found.get(command);
        if (known != null) {
            return Optional.of(known);
        }
        for (String dir : dirs) {
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                found.put(command, candidate);
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The absolute path when found; else the name as given, so the error of starting it names the command. */
    public String resolve(String command) {
        return find(command).map(Path::toString).orElse(command);
    }

    /** {@code argv} with its program resolved. */
    public List<String> resolveProgram(List<String> argv) {
        if (argv.isEmpty()) {
            return argv;
        }
        List<String> resolved = new ArrayList<>(argv);
        resolved.set(0, resolve(argv.get(0)));
        return resolved;
    }

    /** The search as a PATH value, for the processes the lab starts. */
    public String searchPath() {
        return String.join(":", dirs);
    }

    /**
     * A process builder for {@code argv}: the program resolved (Java looks it up on its own PATH, not
     * the child's) and PATH set to the search, for the commands the program starts in turn.
     */
    public ProcessBuilder processBuilder(List<String> argv) {
        ProcessBuilder builder = new ProcessBuilder(resolveProgram(argv));
        builder.environment().put("PATH", searchPath());
        return builder;
    }
}
