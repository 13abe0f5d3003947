package io.labbench.locallab.daemon;

import io.labbench.locallab.LocalLabProgress;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LabStateFile;
import io.labbench.locallab.LabStatus;
import io.labbench.locallab.LocalLab;
import io.labbench.locallab.parts.UpTimeline;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
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

    /** {@code PROGRESS 2/6 +812ms Building …}: step, steps, milliseconds since the daemon's main() (optional), text. */
    private static final Pattern PROGRESS = Pattern.compile("^PROGRESS (\\d+)/(\\d+)(?: \\+\\d+ms)? (.*)$");
    /** {@code TIMING 1700000000123 1700000000456 network}: one part's start and end (epoch ms) and name. */
    private static final Pattern TIMING = Pattern.compile("^TIMING (\\d+) (\\d+) (.+)$");
    /** The TIMING line of the daemon's main(), the origin of the others. */
    static final String DAEMON_MAIN = "daemon main";

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
    public static LabStatus start(LabSettings settings, LocalLabProgress progress, Duration timeout) throws IOException {
        return launch(settings, progress, timeout).status();
    }

    /**
     * The status file's text as the daemon wrote it ({@link #status()} parses it), and when each part of
     * its {@code up} started and ended; no parts when the lab was already up.
     *
     * @param daemonStartEpochMillis when the daemon's main() began, 0 when the lab was already up
     */
    public record Started(String statusJson, long daemonStartEpochMillis, List<UpTimeline.Phase> parts) {
        public Started {
            parts = List.copyOf(parts);
        }

        static Started alreadyUp(String statusJson) {
            return new Started(statusJson, 0, List.of());
        }

        public LabStatus status() throws IOException {
            return LabStateFile.parseStatus(statusJson);
        }
    }

    static String timingLine(UpTimeline.Phase phase) {
        return "TIMING " + phase.startEpochMillis() + " " + phase.endEpochMillis() + " " + phase.name();
    }

    /**
     * {@link #start} for {@code lab up}'s command line, which prints the status file's text as it is: a
     * cold JVM then needs no JSON library while it waits for a new lab (0.2 to 0.8 s saved).
     */
    public static Started launch(LabSettings settings, LocalLabProgress progress, Duration timeout) throws IOException {
        return launch(settings, progress, timeout, false);
    }

    /**
     * {@link #launch} for a caller that exits once the lab is up ({@code lab up}'s command line): the daemon is
     * then no longer its child. A JVM's exit waits up to 300 ms for every thread in native code, and the JDK's
     * process reaper sits in {@code waitpid} for as long as a child it started lives: that was 300-370 ms of
     * every {@code lab up} after "Lab is up" ({@code -Xlog:safepoint}: the Exit VM operation took 317 ms; a
     * JVM that exits beside a live child: 344 ms, without one: 27-32 ms). The daemon runs under
     * {@code setsid --fork --wait}, which passes on its exit code while it starts, and that waiting parent is
     * ended once the daemon printed READY.
     */
    public static Started launchDetached(LabSettings settings, LocalLabProgress progress, Duration timeout) throws IOException {
        return launch(settings, progress, timeout, true);
    }

    private static Started launch(LabSettings settings, LocalLabProgress progress, Duration timeout, boolean detach) throws IOException {
        Path statusFile = LabStateFile.statusFile(settings);
        if (Files.isRegularFile(statusFile) && status(settings).running()) {
            return Started.alreadyUp(Files.readString(statusFile));
        }
        io.labbench.locallab.settings.LabFolders.createStateRoot(settings);
        Path log = logFile(settings);
        Files.deleteIfExists(log);
        Files.deleteIfExists(errorFile(settings));
        try (DaemonLog daemonLog = new DaemonLog(log)) {
            List<String> command = daemonCommand(settings, detach);
            // only a forking setsid leaves a waiting parent that can be ended while the daemon runs on
            boolean forked = command.subList(0, Math.min(3, command.size())).containsAll(SETSID_FORK_AND_WAIT);
            Process daemon = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(new File("/dev/null")).start();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                daemonLog.report(progress);
                if (daemonLog.error().isPresent()) {
                    throw new IOException("the local lab did not start: " + daemonLog.error().get() + " (log: " + log + ")");
                }
                if (daemonLog.ready()) {
                    // READY follows the status file and the last PROGRESS line: both are complete
                    if (forked) {
                        daemon.destroyForcibly();  // setsid's waiting parent; the daemon is in a session of its own
                        daemon.waitFor(1, TimeUnit.SECONDS);
                    }
                    return new Started(Files.readString(statusFile), daemonLog.daemonStart(), daemonLog.parts());
                }
                if (!daemon.isAlive()) {
                    daemonLog.report(progress);
                    throw new IOException("the local lab's daemon exited with code " + daemon.exitValue()
                            + " before the lab was up" + daemonLog.error().map(e -> ": " + e).orElse("") + "; see " + log);
                }
                daemonLog.awaitChange(Math.min(DaemonLog.LONGEST_WAIT_MILLIS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            }
            daemon.children().forEach(ProcessHandle::destroy);  // the daemon itself when setsid forked it
            daemon.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the lab", e);
        }
        throw new IOException("the local lab was not up after " + timeout.toSeconds() + " s; see " + log);
    }

    /**
     * The daemon's log as read so far: PROGRESS lines go to the caller once each, the first ERROR line
     * is kept, READY ends the wait. The log's folder is watched (inotify), so a new line is read as soon
     * as the daemon writes it instead of on the next tick of a poll.
     */
    private static final class DaemonLog implements AutoCloseable {
        /** How long to wait without a write before looking whether the daemon still lives. */
        static final long LONGEST_WAIT_MILLIS = 250;

        private final Path file;
        private final WatchService watcher;
        private int read;
        private boolean ready;
        private Optional<String> error = Optional.empty();
        private final List<UpTimeline.Phase> parts = new ArrayList<>();
        private long daemonStart;

        DaemonLog(Path file) throws IOException {
            this.file = file;
            this.watcher = file.getFileSystem().newWatchService();
            file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        }

        void report(LocalLabProgress progress) throws IOException {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            for (; read < lines.size(); read++) {
                String line = lines.get(read);
                Matcher m = PROGRESS.matcher(line);
                if (m.matches()) {
                    progress.step(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3));
                }
                Matcher timing = TIMING.matcher(line);
                if (timing.matches()) {
                    UpTimeline.Phase phase = new UpTimeline.Phase(timing.group(3), Long.parseLong(timing.group(1)),
                            Long.parseLong(timing.group(2)));
                    if (phase.name().equals(DAEMON_MAIN)) {
                        daemonStart = phase.startEpochMillis();
                    } else {
                        parts.add(phase);
                    }
                }
                if (line.equals("READY")) {
                    ready = true;
                }
                if (line.startsWith("ERROR ") && error.isEmpty()) {
                    error = Optional.of(line.substring(6));
                }
            }
        }

        /** Returns when anything in the log's folder changed, or after {@code maxMillis}. */
        void awaitChange(long maxMillis) throws IOException {
            try {
                WatchKey key = watcher.poll(maxMillis, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the lab", e);
            }
        }

        /** The daemon printed READY: the lab is up and its status file written. */
        boolean ready() {
            return ready;
        }

        Optional<String> error() {
            return error;
        }

        List<UpTimeline.Phase> parts() {
            return parts;
        }

        long daemonStart() {
            return daemonStart;
        }

        @Override
        public void close() throws IOException {
            watcher.close();
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

    /** MINA's switch for its BouncyCastle provider registrar. */
    static final String SSHD_BOUNCY_CASTLE = "org.apache.sshd.security.provider.BC.enabled";

    /** java -cp <this classpath> LabDaemon <settings>, run in its own session so it outlives the terminal. */
    static List<String> daemonCommand(LabSettings settings) {
        return daemonCommand(settings, false);
    }

    /** {@code setsid}'s options for a daemon whose starter goes away once it is up (see {@link #launchDetached}). */
    static final List<String> SETSID_FORK_AND_WAIT = List.of("--fork", "--wait");

    /** @param forked run it as setsid's forked child, setsid waiting for it (util-linux 2.31 and later) */
    static List<String> daemonCommand(LabSettings settings, boolean forked) {
        // java.home, not this process's command: in the installed app this process is the jpackage
        // launcher, whose runtime keeps its java in lib/runtime/bin.
        Path javaHome = Path.of(System.getProperty("java.home"), "bin", "java");
        String java = Files.isExecutable(javaHome) ? javaHome.toString()
                : ProcessHandle.current().info().command().orElse(javaHome.toString());
        List<String> argv = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            argv.add("/usr/bin/setsid");
            if (forked) {
                argv.addAll(SETSID_FORK_AND_WAIT);
            }
        }
        argv.addAll(List.of(java, "-Xmx384m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // MINA registers BouncyCastle as a security provider when it finds it on the class path: 1.5 to 2 s
                // of CPU in this C1-only JVM, for nothing the lab's servers use (ECDSA host keys, an RSA client key,
                // the JDK's ciphers and key exchanges). The lab's CA uses BouncyCastle's certificate builder, not its
                // provider. Tests that run the lab in their own JVM keep MINA's default.
                "-D" + SSHD_BOUNCY_CASTLE + "=false"));
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
            args.add("--prefix-delegation");
        }
        if (s.prefixDelegation() || s.kubeletMaxPods() > 0) {
            args.addAll(List.of("--max-pods", Integer.toString(s.kubeletMaxPods())));
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
        return pd ? settings.withPrefixDelegation(maxPods) : settings.withKubeletMaxPods(maxPods);
    }

    /** /proc/PID/cmdline; ProcessHandle.Info gives up on long class paths. */
    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
