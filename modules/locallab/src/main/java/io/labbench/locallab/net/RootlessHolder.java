package io.labbench.locallab.net;

import io.labbench.locallab.host.SystemTools;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The helper process of a rootless lab: it holds a user namespace (the learner mapped to root), a
 * mount namespace with a private tmpfs on {@code /run} (so {@code /run/netns} and the xtables lock
 * are the lab's own) and the lab's top-level network namespace. Killing it and the processes in its
 * user namespace removes the whole lab; nothing is created in the real host namespaces.
 */
public final class RootlessHolder implements Closeable {

    private static final String SCRIPT = "mount -t tmpfs -o mode=755 labbench-run /run && mkdir -p /run/netns && ip link set lo up"
            + " && echo ready && exec sleep infinity";

    private final Process process;

    private RootlessHolder(Process process) {
        this.process = process;
    }

    public static RootlessHolder start() throws IOException {
        SystemTools tools = SystemTools.ofThisMachine();
        Process process = tools.processBuilder(List.of("setpriv", "--pdeathsig", "KILL", "--", tools.resolve("unshare"), "--user",
                "--map-root-user", "--net", "--mount", "--propagation", "private", "--", "sh", "-c", SCRIPT))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(15, TimeUnit.SECONDS);
            if (!"ready".equals(line)) {
                process.destroyForcibly();
                throw new IOException("the rootless helper (unshare --user --map-root-user --net --mount) failed: " + line
                        + "; 'labbench lab status' shows the fix, or run the lab as root");
            }
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("the rootless helper did not start within 15 s", e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the rootless helper", e);
        } catch (java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
            throw new IOException("the rootless helper failed", e.getCause());
        }
        return new RootlessHolder(process);
    }

    public long pid() {
        return process.pid();
    }

    public KernelAccess kernel() {
        return new KernelAccess.Rootless(process.pid());
    }

    /** {@code user:[…]} of the helper's user namespace. */
    public String userNamespace() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "ns", "user")).toString();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
