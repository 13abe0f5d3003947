package io.labbench.locallab.daemon;

import io.labbench.locallab.aws.KopsControl;
import io.labbench.locallab.settings.LabSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Re-rolls or stops the lab on kops's behalf from a separate process: the lab's daemon cannot replace
 * itself, so it starts {@link LabRerollMain} in its own session, which stops this daemon (taking the old
 * nodes down) and starts a new one with the new settings, like the app's Local lab settings do.
 * The daemon hands it to its {@link io.labbench.locallab.LocalLab}; the lab's AWS knows only {@link KopsControl}.
 */
public final class DetachedLabControl implements KopsControl {

    private final LabSettings current;

    private DetachedLabControl(LabSettings current) {
        this.current = current;
    }

    public static DetachedLabControl forLab(LabSettings current) {
        return new DetachedLabControl(current);
    }

    public static Path logFile(LabSettings settings) {
        return settings.stateRoot().resolve(settings.prefix() + "-reroll.log");
    }

    @Override
    public Optional<String> unavailable() {
        boolean daemon = Boolean.getBoolean(LabDaemon.DAEMON_PROPERTY);
        return daemon ? Optional.empty() : Optional.of("this lab runs inside another program, not as the lab daemon "
                + "(labbench lab up / the app), so kops cannot re-roll it; use that program's own settings");
    }

    @Override
    public void reroll(LabSettings next) throws IOException {
        List<String> args = new ArrayList<>(LabDaemonLauncher.arguments(current));
        args.add("--");
        args.addAll(LabDaemonLauncher.arguments(next));
        launch(args);
    }

    @Override
    public void delete() throws IOException {
        launch(new ArrayList<>(LabDaemonLauncher.arguments(current)));
    }

    private void launch(List<String> args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> argv = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            argv.add("/usr/bin/setsid");
        }
        argv.addAll(List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path")));
        String home = System.getProperty("labbench.home");
        if (home != null && !home.isBlank()) {
            argv.add("-Dlabbench.home=" + home);
        }
        argv.add(LabRerollMain.class.getName());
        argv.addAll(args);
        Files.createDirectories(current.stateRoot());
        new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(logFile(current).toFile())
                .redirectInput(new File("/dev/null")).start();
    }
}
