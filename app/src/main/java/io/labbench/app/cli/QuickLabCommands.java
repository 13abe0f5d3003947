package io.labbench.app.cli;

import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs {@code labbench lab up|down|status} without picocli's start-up. Building picocli's model of
 * every command costs a cold JVM about 0.4 s of CPU (0.5 to 1 s on a busy machine), all of it before
 * {@code lab up} can start the lab's daemon; reading the {@code @Option} annotations alone costs 0.1 s
 * (annotation proxies). So the options of these three commands, plain String, int and boolean fields,
 * are listed here by name, and {@code QuickLabCommandsTest} checks the list against the annotations.
 * Anything not understood exactly (help, an unknown or repeated option, an {@code @file}, a value that
 * is not a plain number) is left to picocli, which then answers as it always did.
 */
public final class QuickLabCommands {

    /** Per subcommand: its class and option name → field name, as its {@code @Option}s declare them. */
    record Command(Supplier<LabCliCommand> make, Map<String, String> options) {
    }

    static final Map<String, Command> COMMANDS = Map.of(
            "up", new Command(LabUpCommand::new, Map.of("--instance-type", "nodesType", "--control-plane-type", "controlPlaneType",
                    "--prefix-delegation", "prefixDelegation", "--max-pods", "maxPods", "--json", "json",
                    "--timings", "timings", "--timeout", "timeoutSeconds", "--prefix", "prefix")),
            "down", new Command(LabDownCommand::new, Map.of("--prefix", "prefix", "-v", "verbose", "--verbose", "verbose")),
            "status", new Command(LabStatusCommand::new, Map.of("--json", "json", "--prefix", "prefix")));
    private static final Pattern PLAIN_INT = Pattern.compile("[0-9]{1,9}");

    private QuickLabCommands() {
    }

    /** The exit code, or empty when picocli must run the command line. */
    public static Optional<Integer> run(String[] args, PrintWriter out, PrintWriter err) {
        return parse(args).map(command -> command.run(out, err));
    }

    /** The command with its options set, or empty when the arguments are not plain enough. */
    static Optional<LabCliCommand> parse(String[] args) {
        if (args.length < 2 || !args[0].equals("lab") || !COMMANDS.containsKey(args[1])) {
            return Optional.empty();
        }
        Command spec = COMMANDS.get(args[1]);
        LabCliCommand command = spec.make().get();
        Set<String> seen = new HashSet<>();
        for (int i = 2; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            String fieldName = spec.options().get(name);
            if (fieldName == null || !seen.add(fieldName)) {
                return Optional.empty();
            }
            Field field;
            try {
                field = command.getClass().getDeclaredField(fieldName);
            } catch (NoSuchFieldException e) {
                return Optional.empty();
            }
            String value;
            if (field.getType() == boolean.class) {
                if (eq > 0) {
                    return Optional.empty();
                }
                value = "true";
            } else if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return Optional.empty();
            }
            if (!set(command, field, value)) {
                return Optional.empty();
            }
        }
        command.fieldsGiven(Set.copyOf(seen));
        return Optional.of(command);
    }

    private static boolean set(LabCliCommand command, Field field, String value) {
        try {
            if (field.getType() == boolean.class) {
                field.setBoolean(command, true);
            } else if (field.getType() == int.class && PLAIN_INT.matcher(value).matches()) {
                field.setInt(command, Integer.parseInt(value));
            } else if (field.getType() == String.class && !value.startsWith("-") && !value.startsWith("@")) {
                field.set(command, value);
            } else {
                return false;
            }
            return true;
        } catch (IllegalAccessException e) {
            return false;
        }
    }
}
