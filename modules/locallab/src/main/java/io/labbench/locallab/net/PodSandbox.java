package io.labbench.locallab.net;

import io.labbench.locallab.host.SystemTools;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The process that lives in a pod's network namespace, as the pause container does on a real node:
 * the study finds a pod's PID with {@code lsns -t net} and enters it with {@code nsenter -t PID -n}, which
 * needs a process there. It shows as {@code /pause} in {@code ps} and {@code lsns}, like the real one.
 * It is {@link PauseProgram} (or {@code cat} where that cannot run) started under that name, reading a pipe
 * from this JVM: it waits without a CPU cost and ends by itself when the JVM ends, however it ends (a
 * parent-death signal would follow the starting thread, which a pool may end). The namespaces a crash
 * leaves are removed by {@link LabCleaner}.
 */
public final class PodSandbox {

    /** What {@code ps -o args} and {@code lsns -o COMMAND} show, as on a kOps node with containerd. */
    public static final String COMMAND = "/pause";

    private final Process process;

    private PodSandbox(Process process) {
        this.process = process;
    }

    /**
     * Wires the pod ({@code wiring}: its {@code ip} batches, run in order) and starts the holder in
     * {@code netns} with its own UTS and mount namespace: hostname = the pod's, and the files of {@code etc}
     * ({@link PodEtcFiles}) bound over {@code /etc/hosts}, {@code /etc/hostname} and {@code /etc/resolv.conf}
     * there, as a container runtime mounts them. All of it is one {@code bash} spawned from this JVM for the
     * {@code ip} batches, then one Perl process for the namespaces ({@link SandboxEntry}) that becomes the
     * holder, not one process per step: with a node filling up with pods, spawns are most of a pod's start. Containers and {@code kubectl exec} join all three namespaces ({@code nsenter -t PID
     * -n -u -m}). Returns once the mounts are in place (a few ms).
     */
    public static PodSandbox start(KernelAccess kernel, List<IpBatch> wiring, String netns, String hostname, PodEtcFiles etc)
            throws IOException {
        return start(kernel, wiring, netns, hostname, etc, "cat");
    }

    /** @param holder the program that holds the namespaces ({@link PauseProgram}'s file, or {@code cat}) */
    public static PodSandbox start(KernelAccess kernel, List<IpBatch> wiring, String netns, String hostname, PodEtcFiles etc,
                                   String holder) throws IOException {
        StringBuilder script = new StringBuilder();
        wiring.stream().filter(b -> !b.isEmpty()).forEach(b -> script.append(b.shell()));
        Optional<List<String>> entry = SandboxEntry.argv(kernel.netnsPath(netns), hostname, holder, COMMAND, etc.bindings());
        List<String> argv;
        if (entry.isPresent()) {
            // the wiring, then one Perl process that makes the namespaces and becomes the holder
            script.append("exec \"$@\"\n");
            argv = new java.util.ArrayList<>(List.of("bash", "-c", script.toString(), "podsetup"));
            argv.addAll(entry.get());
        } else {
            // the hostname through /proc (no process); a file the host lacks (or a dangling /etc/resolv.conf
            // symlink) is skipped rather than failing the pod
            String pause = "{ printf %s \"$1\" > /proc/sys/kernel/hostname; } 2>/dev/null || hostname \"$1\" || exit 1; shift;"
                    + " while [ $# -gt 0 ]; do if [ -e \"$2\" ]; then mount --rbind \"$1\" \"$2\" || exit 1; fi; shift 2; done;"
                    + " echo ready; exec -a " + COMMAND + " \"$0\"";
            script.append("nsenter=$1; netns=$2; holder=$3; shift 3\n")
                    .append("exec \"$nsenter\" --net=\"$netns\" -- unshare --uts --mount --propagation private -- bash -c '")
                    .append(pause).append("' \"$holder\" \"$@\"\n");
            argv = new java.util.ArrayList<>(List.of("bash", "-c", script.toString(), "podsetup",
                    SystemTools.ofThisMachine().resolve("nsenter"), kernel.netnsPath(netns), holder, hostname));
            etc.bindings().forEach((file, target) -> {
                argv.add(file.toString());
                argv.add(target);
            });
        }
        // stdin stays a pipe from this JVM: cat blocks on it and sees end-of-file when the JVM is gone
        Process process = SystemTools.ofThisMachine().processBuilder(kernel.command(argv)).redirectErrorStream(true).start();
        // wait for the mounts: a container or exec entering earlier would see the host's /etc files
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        // anything before "ready" is a tool's complaint (a warning, or the failure that ends the script)
        StringBuilder said = new StringBuilder();
        for (String line; !"ready".equals(line = out.readLine()); ) {
            if (line == null) {
                process.destroyForcibly();
                throw new IOException("could not set up the pod's network and /pause in " + netns + ": " + said);
            }
            said.append(said.isEmpty() ? "" : "; ").append(line);
        }
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
