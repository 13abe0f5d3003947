package io.labbench.locallab.pods;

import io.labbench.locallab.host.SystemTools;
import io.labbench.locallab.spi.ContainerRuntime;
import io.labbench.locallab.spi.ContainerRuntime.State;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One container's life, as the kubelet and containerd run it: starts its program, writes its output
 * to {@code <n>.log} (one file per run, as {@code /var/log/pods} has), marks it ready once every
 * declared TCP port listens, restarts it as the pod's {@code restartPolicy} says with the kubelet's
 * back-off (at once the first time, then 10 s doubling to 5 min: {@code CrashLoopBackOff} while it
 * waits), and stops it with SIGTERM, then SIGKILL after the grace period.
 */
final class ContainerSupervisor {

    static final Duration FIRST_BACK_OFF = Duration.ofSeconds(10);
    static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);
    /** A run this long resets the back-off, as the kubelet forgets a container's crashes after 10 minutes. */
    static final Duration STABLE_RUN = Duration.ofMinutes(10);
    private static final long READY_POLL_MS = 50;
    /** How soon a container whose start failed is tried again the first time (the kubelet's next sync). */
    static final Duration START_RETRY = Duration.ofSeconds(1);

    private final ContainerRuntime.Pod pod;
    private final ContainerRuntime.Container container;
    private final Path dir;
    private final ContainerProgram program;
    private final Function<List<String>, List<String>> inPod;
    private final ScheduledExecutorService timer;
    private final Consumer<ContainerRuntime.Event> events;
    private final Runnable changed;
    private final String containerId;

    private State state = new State.Waiting("ContainerCreating", "");
    private Optional<State.Terminated> lastState = Optional.empty();
    private int restartCount;
    private int crashes;
    private boolean ready;
    private boolean stopping;
    private Process process;
    private Instant startedAt;
    private ScheduledFuture<?> pending;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    /**
     * @param inPod turns a program's argv into one that runs inside the pod's namespaces
     */
    ContainerSupervisor(ContainerRuntime.Pod pod, ContainerRuntime.Container container, Path dir, ContainerProgram program,
                        Function<List<String>, List<String>> inPod, ScheduledExecutorService timer,
                        Consumer<ContainerRuntime.Event> events, Runnable changed, String containerId) {
        this.pod = pod;
        this.container = container;
        this.dir = dir;
        this.program = program;
        this.inPod = inPod;
        this.timer = timer;
        this.events = events;
        this.changed = changed;
        this.containerId = containerId;
    }

    synchronized void start() throws IOException {
        program.notEmulated().ifPresent(message -> event(true, "NotEmulated", message));
        event(false, "Pulled", "Container image \"" + container.image() + "\" already present on machine");
        launch();
    }

    private void launch() throws IOException {
        Path log = logFile(restartCount);
        if (restartCount >= 2) {
            // the kubelet keeps the current run's log and the previous one's
            Files.deleteIfExists(logFile(restartCount - 2));
        }
        if (program.startError().isPresent()) {
            failToStart(log, program.startError().get());
            return;
        }
        if (!program.firstLines().isEmpty()) {
            Files.write(log, program.firstLines(), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        ProcessBuilder builder = SystemTools.ofThisMachine().processBuilder(inPod.apply(program.argv()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .directory(new File("/"));
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("HOSTNAME", pod.name().length() > 63 ? pod.name().substring(0, 63) : pod.name());
        env.put("HOME", "/root");
        env.putAll(container.env());
        process = builder.start();
        startedAt = Instant.now();
        state = new State.Running(startedAt);
        ready = false;
        event(false, "Created", "Created container " + container.name());
        event(false, "Started", "Started container " + container.name());
        Process started = process;
        started.onExit().thenAccept(p -> exited(started));
        if (container.ports().isEmpty()) {
            ready = true;
        } else {
            pending = timer.schedule(() -> pollReady(started), 0, TimeUnit.MILLISECONDS);
        }
        changed.run();
    }

    private void pollReady(Process run) {
        synchronized (this) {
            if (run != process || stopping || !run.isAlive()) {
                return;
            }
        }
        boolean listening = ListeningPorts.of(run.pid()).containsAll(container.ports());
        synchronized (this) {
            if (run != process || stopping) {
                return;
            }
            if (listening) {
                ready = true;
                changed.run();
            } else {
                pending = timer.schedule(() -> pollReady(run), READY_POLL_MS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * A run that could not begin (the image has no such executable): containerd creates the container but
     * its task never starts, so the run ends at once with exit code 128 and reason {@code StartError}, its
     * start time the zero time, and nothing in its log.
     */
    private void failToStart(Path log, String error) throws IOException {
        Files.write(log, new byte[0], java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        process = null;
        startedAt = Instant.EPOCH;
        ready = false;
        event(false, "Created", "Created container " + container.name());
        event(true, "Failed", "Error: " + error);
        ended(new State.Terminated(128, "StartError", error, Instant.EPOCH, Instant.now()), true);
    }

    private synchronized void exited(Process run) {
        if (run != process) {
            return;
        }
        int code = run.exitValue();
        ended(new State.Terminated(code, code == 0 ? "Completed" : "Error", startedAt, Instant.now()), false);
    }

    /**
     * What follows the end of a run, as the pod's {@code restartPolicy} says: the run stays the state
     * ({@code Never}, or {@code OnFailure} after exit 0), or the container starts again after the back-off.
     */
    private void ended(State.Terminated terminated, boolean startFailed) {
        ready = false;
        if (stopping) {
            state = terminated;
            changed.run();
            return;
        }
        lastState = Optional.of(terminated);
        boolean restart = switch (pod.restartPolicy()) {
            case "Never" -> false;
            case "OnFailure" -> terminated.exitCode() != 0;
            default -> true;
        };
        if (!restart) {
            state = terminated;
            changed.run();
            return;
        }
        boolean ranLong = !startFailed && Duration.between(startedAt, terminated.finishedAt()).compareTo(STABLE_RUN) >= 0;
        crashes = ranLong ? 1 : crashes + 1;
        Duration backOff = backOff(crashes);
        if (backOff.isZero() && !startFailed) {
            restartNow();
            return;
        }
        if (backOff.isZero()) {
            // the kubelet's next pod sync tries again; until then the container says why it did not run
            state = new State.Waiting("RunContainerError", terminated.message());
            pending = timer.schedule(this::restartAfterBackOff, START_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            changed.run();
            return;
        }
        state = new State.Waiting("CrashLoopBackOff", "back-off " + backOff.toSeconds() + "s restarting failed container="
                + container.name() + " pod=" + pod.name() + "_" + pod.namespace() + "(" + pod.uid() + ")");
        event(true, "BackOff", "Back-off restarting failed container " + container.name() + " in pod " + pod.name()
                + "_" + pod.namespace() + "(" + pod.uid() + ")");
        pending = timer.schedule(this::restartAfterBackOff, backOff.toMillis(), TimeUnit.MILLISECONDS);
        changed.run();
    }

    private synchronized void restartAfterBackOff() {
        if (!stopping) {
            restartNow();
        }
    }

    private void restartNow() {
        restartCount++;
        try {
            event(false, "Pulled", "Container image \"" + container.image() + "\" already present on machine");
            launch();
        } catch (IOException e) {
            state = new State.Waiting("RunContainerError", e.getMessage());
            event(true, "Failed", "Error: " + e.getMessage());
            changed.run();
        }
    }

    /** The kubelet's crash-loop back-off: none for the first crash, then 10 s doubling up to 5 minutes. */
    static Duration backOff(int crashes) {
        if (crashes <= 1) {
            return Duration.ZERO;
        }
        long seconds = FIRST_BACK_OFF.toSeconds() << Math.min(crashes - 2, 10);
        return Duration.ofSeconds(Math.min(seconds, MAX_BACK_OFF.toSeconds()));
    }

    /** SIGTERM, then SIGKILL for it and everything it started once {@code grace} has passed. */
    synchronized CompletableFuture<Void> stop(Duration grace) {
        if (stopping) {
            return stopped;
        }
        stopping = true;
        if (pending != null) {
            pending.cancel(false);
        }
        Process run = process;
        if (run == null || !run.isAlive()) {
            stopped.complete(null);
            return stopped;
        }
        event(false, "Killing", "Stopping container " + container.name());
        List<ProcessHandle> children = new ArrayList<>(run.descendants().toList());
        run.destroy();
        ScheduledFuture<?> kill = timer.schedule(() -> {
            run.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }, Math.max(grace.toMillis(), 0), TimeUnit.MILLISECONDS);
        run.onExit().thenRun(() -> {
            kill.cancel(false);
            // what the process started (nginx's worker) must not outlive it
            children.forEach(ProcessHandle::destroyForcibly);
            stopped.complete(null);
        });
        return stopped;
    }

    /** SIGKILL now, without waiting (the lab's teardown). */
    synchronized void kill() {
        stopping = true;
        if (pending != null) {
            pending.cancel(false);
        }
        if (process != null) {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    synchronized ContainerRuntime.ContainerStatus status() {
        return new ContainerRuntime.ContainerStatus(container.name(), container.image(), state, lastState, restartCount,
                ready, containerId);
    }

    String name() {
        return container.name();
    }

    /** The current run's output, or the previous run's. */
    synchronized Optional<String> logs(boolean previous) {
        if (previous && restartCount == 0) {
            return Optional.empty();
        }
        Path file = logFile(previous ? restartCount - 1 : restartCount);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The current run's output file, followed while that run's process lives. */
    synchronized Optional<ContainerRuntime.LiveLog> liveLog() {
        Process run = process;
        if (run == null) {
            return Optional.empty();
        }
        int current = restartCount;
        return Optional.of(new ContainerRuntime.LiveLog(logFile(current), () -> run.isAlive() && !stopped.isDone()));
    }

    private Path logFile(int run) {
        return dir.resolve(run + ".log");
    }

    private void event(boolean warning, String reason, String message) {
        events.accept(new ContainerRuntime.Event(pod.namespace(), pod.name(), container.name(), warning, reason, message));
    }
}
