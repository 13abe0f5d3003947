package io.labbench.locallab.net;

import io.labbench.locallab.host.SystemTools;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The process that lives in a pod's network namespace, as the pause container does on a real node:
 * the study finds a pod's PID with {@code lsns -t net} and enters it with {@code nsenter -t PID -n}, which
 * needs a process there. It shows as {@code /pause} in {@code ps} and {@code lsns}, like the real one.
 * It is {@code cat} started under that name, reading a pipe from this JVM: it waits without a CPU cost and
 * ends by itself when the JVM ends, however it ends (a parent-death signal would follow the starting
 * thread, which a pool may end). The namespaces a crash leaves are removed by {@link LabCleaner}.
 */
public final class PodSandbox {

    /** What {@code ps -o args} and {@code lsns -o COMMAND} show, as on a kOps node with containerd. */
    public static final String COMMAND = "/pause";

    private final Process process;

    private PodSandbox(Process process) {
        this.process = process;
    }

    /** Starts the holder in {@code netns}; returns at once (about 2 ms, a single spawn). */
    public static PodSandbox start(KernelAccess kernel, String netns) throws IOException {
        List<String> argv = kernel.inNetns(netns, List.of("bash", "-c", "exec -a " + COMMAND + " cat"));
        // stdin stays a pipe from this JVM: cat blocks on it and sees end-of-file when the JVM is gone
        Process process = SystemTools.ofThisMachine().processBuilder(argv)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new PodSandbox(process);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGKILL and returns at once (to kill many, then wait for each with {@link #stop}). */
    public void kill() {
        process.destroyForcibly();
    }

    /** Kills the holder and waits (briefly) until it is gone, so nothing of the pod outlives its detach. */
    public void stop() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
