package io.labbench.locallab.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A command line that bash would run as a plain program call: words of letters, digits and
 * {@code _ . / : = , @ % + -} split by spaces, no quoting, expansion, redirection, globbing or
 * operators, whose first word is a program on the machine's PATH (not a shell builtin or keyword).
 * Such a line can be exec'ed directly with the same result as {@code bash -c LINE}, without starting
 * bash: a watch panel's {@code iptables -t nat -S} or {@code ip route} every second.
 */
public record PlainCommand(List<String> argv) {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+( +[A-Za-z0-9_./:=,@%+-]+)*");
    // Builtins and keywords run by bash itself even when a program of the same name exists; true and false
    // behave the same either way. Names with no program (cd, export, source, ...) fail the PATH lookup anyway.
    private static final Set<String> SHELL_WORDS = Set.of("alias", "bg", "bind", "break", "builtin", "caller", "case",
            "cd", "command", "compgen", "complete", "compopt", "continue", "coproc", "declare", "dirs", "disown", "do",
            "done", "echo", "elif", "else", "enable", "esac", "eval", "exec", "exit", "export", "fc", "fg", "fi", "for",
            "function", "getopts", "hash", "help", "history", "if", "in", "jobs", "kill", "let", "local", "logout",
            "mapfile", "popd", "printf", "pushd", "pwd", "read", "readarray", "readonly", "return", "select", "set",
            "shift", "shopt", "source", "suspend", "test", "then", "time", "times", "trap", "type", "typeset", "ulimit",
            "umask", "unalias", "unset", "until", "wait", "while");

    public PlainCommand {
        argv = List.copyOf(argv);
    }

    /** The line as a direct program call with the program's absolute path, or empty when bash must read it. */
    public static Optional<PlainCommand> parse(String line, String path) {
        String trimmed = line.strip();
        if (!PLAIN.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        String[] words = trimmed.split(" +");
        String program = words[0];
        if (program.contains("=") || SHELL_WORDS.contains(program)) {
            return Optional.empty();
        }
        return resolve(program, path).map(resolved -> {
            words[0] = resolved;
            return new PlainCommand(Arrays.asList(words));
        });
    }

    private static Optional<String> resolve(String program, String path) {
        if (program.contains("/")) {
            // a relative path would be resolved against the machine's home by bash; leave that to bash
            return program.startsWith("/") && Files.isExecutable(Path.of(program)) ? Optional.of(program) : Optional.empty();
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toString());
                }
            }
        }
        return Optional.empty();
    }
}
