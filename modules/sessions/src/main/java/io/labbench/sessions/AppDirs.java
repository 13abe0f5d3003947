package io.labbench.sessions;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where LabBench keeps its files, following the XDG base directories on Linux:
 * settings in {@code $XDG_CONFIG_HOME/labbench}, workspaces (endpoints, variables, progress,
 * transcripts) in {@code $XDG_DATA_HOME/labbench/workspaces}, and the local lab's runtime state in
 * {@code $XDG_STATE_HOME/labbench}. The system property {@code labbench.home} puts all three under one
 * folder, which is how tests keep away from the user's real files.
 */
public record AppDirs(Path config, Path data, Path state) {

    public static AppDirs fromEnvironment() {
        return from(System.getProperty("labbench.home"), System.getenv(), System.getProperty("user.home"));
    }

    static AppDirs from(String labbenchHome, Map<String, String> env, String userHome) {
        if (labbenchHome != null && !labbenchHome.isBlank()) {
            Path root = Path.of(labbenchHome);
            return new AppDirs(root.resolve("config"), root.resolve("data"), root.resolve("state"));
        }
        Path home = Path.of(userHome);
        return new AppDirs(
                xdg(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("labbench"),
                xdg(env, "XDG_DATA_HOME", home.resolve(".local/share")).resolve("labbench"),
                xdg(env, "XDG_STATE_HOME", home.resolve(".local/state")).resolve("labbench"));
    }

    private static Path xdg(Map<String, String> env, String variable, Path fallback) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? fallback : Path.of(value);
    }

    public Path workspaces() {
        return data.resolve("workspaces");
    }

    public Path workspace(String name) {
        return workspaces().resolve(name);
    }

    public Path settingsFile() {
        return config.resolve("settings.json");
    }
}
