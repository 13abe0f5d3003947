package io.labbench.locallab.daemon;

import io.labbench.locallab.LabProgress;
import io.labbench.locallab.LabSettings;
import io.labbench.locallab.LabStateFile;
import io.labbench.locallab.LabStatus;
import io.labbench.locallab.LocalLab;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts, finds and stops the background {@link LabDaemon} of a lab. Used by {@code labbench lab
 * up|down|status} and by the app, which starts the local backend on launch.
 */
public final class LabDaemonLauncher {

    private static final Pattern PROGRESS = Pattern.compile("^PROGRESS (\\d+)/(\\d+) (.*)$");

    private LabDaemonLauncher() {
    }

    public static Path logFile(LabSettings settings) {
        return settings.stateRoot().resolve(settings.prefix() + "-daemon.log");
    }

    static Path errorFile(LabSettings settings) {
        return settings.stateRoot().resolve(settings.prefix() + "-daemon.error");
    }

    /** The running lab's status, or a stopped one when no live daemon owns the status file. */
    public static LabStatus status(LabSettings settings) {
        Optional<LabStatus> status = LabStateFile.readStatus(settings);
        if (status.isPresent() && status.get().running() && ProcessHandle.of(status.get().pid()).map(ProcessHandle::isAlive).orElse(false)) {
            return status.get();
        }
        return LabStatus.stopped(settings.prefix());
    }

    /**
     * Starts the lab in a detached daemon and waits until it is up. If it already runs, returns its
     * status. A lab left by a crash is removed by the daemon before it builds.
     */
    public static LabStatus start(LabSettings settings, LabProgress progress, Duration timeout) throws IOException {
        LabStatus current = status(settings);
        if (current.running()) {
            return current;
        }
        Files.createDirectories(settings.stateRoot());
        Path log = logFile(settings);
        Files.deleteIfExists(log);
        Files.deleteIfExists(errorFile(settings));
        Process daemon = new ProcessBuilder(daemonCommand(settings)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(new File("/dev/null")).start();
        long deadline = System.nanoTime() + timeout.toNanos();
        DaemonLog daemonLog = new DaemonLog(log);
        while (System.nanoTime() < deadline) {
            daemonLog.report(progress);
            if (daemonLog.error().isPresent()) {
                throw new IOException("the local lab did not start: " + daemonLog.error().get() + " (log: " + log + ")");
            }
            LabStatus status = status(settings);
            if (status.running() && status.pid() == daemon.pid()) {
                // The daemon writes its status file just before its last PROGRESS line: drain the log so
                // the caller's progress ends at "Lab is up" rather than one step short.
                long drainDeadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (!daemonLog.finished() && System.nanoTime() < drainDeadline) {
                    sleep(20);
                    daemonLog.report(progress);
                }
                return status;
            }
            if (!daemon.isAlive()) {
                throw new IOException("the local lab's daemon exited with code " + daemon.exitValue() + " before the lab was up; see "
                        + log);
            }
            sleep(50);
        }
        daemon.destroy();
        throw new IOException("the local lab was not up after " + timeout.toSeconds() + " s; see " + log);
    }

    /** The daemon's log as read so far: PROGRESS lines go to the caller once each, the first ERROR line is kept. */
    private static final class DaemonLog {
        private final Path file;
        private int read;
        private boolean finished;
        private Optional<String> error = Optional.empty();

        DaemonLog(Path file) {
            this.file = file;
        }

        void report(LabProgress progress) throws IOException {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            for (; read < lines.size(); read++) {
                String line = lines.get(read);
                Matcher m = PROGRESS.matcher(line);
                if (m.matches()) {
                    progress.step(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3));
                    finished |= m.group(1).equals(m.group(2));
                }
                if (line.startsWith("ERROR ") && error.isEmpty()) {
                    error = Optional.of(line.substring(6));
                }
            }
        }

        /** The last step ("Lab is up") has been reported. */
        boolean finished() {
            return finished;
        }

        Optional<String> error() {
            return error;
        }
    }

    /**
     * Stops the lab's daemon (SIGTERM lets it remove everything) and then removes whatever is
     * left, which also covers a lab whose process crashed. Returns what the clean-up removed.
     */
    public static List<String> stop(LabSettings settings, Duration timeout) throws IOException {
        List<String> done = new ArrayList<>();
        Optional<LabStateFile.State> state = LabStateFile.readState(settings);
        Optional<ProcessHandle> owner = state.flatMap(s -> ProcessHandle.of(s.ownerPid()))
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> commandLine(p.pid()).contains(LabDaemon.class.getName()));
        if (owner.isPresent()) {
            owner.get().destroy();
            try {
                owner.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                done.add("stopped lab daemon " + owner.get().pid());
            } catch (Exception e) {
                owner.get().destroyForcibly();
                done.add("killed lab daemon " + owner.get().pid() + " (it did not stop within " + timeout.toSeconds() + " s)");
            }
        }
        done.addAll(LocalLab.removeLeftovers(settings));
        return done;
    }

    /** java -cp <this classpath> LabDaemon <settings>, run in its own session so it outlives the terminal. */
    static List<String> daemonCommand(LabSettings settings) {
        // java.home, not this process's command: in the installed app this process is the jpackage
        // launcher, whose runtime keeps its java in lib/runtime/bin.
        Path javaHome = Path.of(System.getProperty("java.home"), "bin", "java");
        String java = Files.isExecutable(javaHome) ? javaHome.toString()
                : ProcessHandle.current().info().command().orElse(javaHome.toString());
        List<String> argv = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            argv.add("/usr/bin/setsid");
        }
        argv.addAll(List.of(java, "-Xmx384m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        String classPath = System.getProperty("java.class.path");
        // only for class paths of jars: a dynamic archive refuses directories of classes (a build tree)
        if (Arrays.stream(classPath.split(File.pathSeparator)).allMatch(e -> e.endsWith(".jar"))) {
            argv.addAll(new DaemonClassArchive(settings.stateRoot(), System.getProperty("java.home"), classPath).jvmOptions());
        }
        argv.addAll(List.of("-cp", classPath));
        String home = System.getProperty("labbench.home");
        if (home != null && !home.isBlank()) {
            argv.add("-Dlabbench.home=" + home);
        }
        argv.add(LabDaemon.class.getName());
        argv.addAll(arguments(settings));
        return argv;
    }

    public static List<String> arguments(LabSettings s) {
        List<String> args = new ArrayList<>(List.of("--state-root", s.stateRoot().toString(), "--prefix", s.prefix(),
                "--kubeconfig", s.kubeconfig().toString(), "--control-plane-type", s.controlPlaneInstanceType(),
                "--nodes-type", s.nodesInstanceType()));
        if (s.prefixDelegation()) {
            args.addAll(List.of("--prefix-delegation", "--max-pods", Integer.toString(s.kubeletMaxPods())));
        }
        return args;
    }

    public static LabSettings parseArguments(String[] args) {
        Path stateRoot = null;
        String prefix = LabSettings.DEFAULT_PREFIX;
        Path kubeconfig = null;
        String cp = LabSettings.DEFAULT_INSTANCE_TYPE;
        String nodes = LabSettings.DEFAULT_INSTANCE_TYPE;
        boolean pd = false;
        int maxPods = 0;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--state-root" -> { stateRoot = Path.of(value); i++; }
                case "--prefix" -> { prefix = value; i++; }
                case "--kubeconfig" -> { kubeconfig = Path.of(value); i++; }
                case "--control-plane-type" -> { cp = value; i++; }
                case "--nodes-type" -> { nodes = value; i++; }
                case "--prefix-delegation" -> pd = true;
                case "--max-pods" -> { maxPods = Integer.parseInt(value); i++; }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        if (stateRoot == null) {
            throw new IllegalArgumentException("--state-root is required");
        }
        LabSettings settings = LabSettings.defaults(stateRoot, prefix).withInstanceTypes(cp, nodes);
        if (kubeconfig != null) {
            settings = settings.withKubeconfig(kubeconfig);
        }
        return pd ? settings.withPrefixDelegation(maxPods) : settings;
    }

    /** /proc/PID/cmdline; ProcessHandle.Info gives up on long class paths. */
    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the lab", e);
        }
    }
}
