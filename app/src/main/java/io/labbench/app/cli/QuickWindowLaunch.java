package io.labbench.app.cli;

import io.labbench.app.ui.DesktopLauncher;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Opens the window without picocli when the command line is only the window's own options
 * ({@code --backend}, {@code --workspace}, {@code --startup-probe}). picocli's classes are Java 5
 * class files, which the class-data archive cannot keep, so building its model costs a cold start
 * about a third of a second before the window can begin. Anything else goes to picocli, which also
 * explains mistakes.
 */
public final class QuickWindowLaunch {

    static final List<String> BACKENDS = List.of("local", "aws", "shells");

    private QuickWindowLaunch() {
    }

    /** The window's options, or empty when picocli must read the command line. */
    public static Optional<DesktopLauncher.Options> parse(String[] args) {
        boolean probe = false;
        String workspace = null;
        String backend = null;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            if (!seen.add(name)) {
                return Optional.empty();
            }
            switch (name) {
                case "--startup-probe" -> {
                    if (eq > 0) {
                        return Optional.empty();
                    }
                    probe = true;
                }
                case "--workspace", "--backend" -> {
                    String value = eq > 0 ? arg.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
                    if (value == null || value.startsWith("-") || value.startsWith("@")
                            || name.equals("--backend") && !BACKENDS.contains(value)) {
                        return Optional.empty();
                    }
                    if (name.equals("--backend")) {
                        backend = value;
                    } else {
                        workspace = value;
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new DesktopLauncher.Options(probe, workspace, backend));
    }
}
