package io.labbench.app.path;

import io.labbench.locallab.LabStatus;
import io.labbench.locallab.net.VpcCniPodNetwork;
import io.labbench.packetpath.live.MachineShell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the path's read-only commands inside the running local lab's namespaces with {@code nsenter}: nodes
 * by name, pods ({@code pod/NS/NAME}) in their own network namespace, {@code vpc} in the VPC router's. As
 * root it enters {@code /run/netns/…} directly; rootless it first enters the user and mount namespace the
 * lab's helper holds (where that {@code /run/netns} lives), as the lab itself does.
 */
public final class LocalLabShell implements MachineShell, AutoCloseable {
    private static final long TIMEOUT_SECONDS = 10;

    private final LabStatus status;
    private final long holderPid;
    /** A kept shell per machine for the walk's route questions (see {@link NetnsShell}). */
    private final java.util.Map<String, NetnsShell> kept = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "path-shell-timeout");
        t.setDaemon(true);
        return t;
    });

    /** @param holderPid the rootless helper's pid from the lab's state file, 0 when the lab runs as root */
    public LocalLabShell(LabStatus status, long holderPid) {
        this.status = status;
        this.holderPid = holderPid;
    }

    String netns(String machine) throws IOException {
        if ("vpc".equals(machine)) {
            return status.prefix() + "-vpc";
        }
        if (machine.startsWith("pod/")) {
            String[] p = machine.split("/", 3);
            if (p.length < 3) {
                throw new IOException("'" + machine + "' is not pod/NAMESPACE/NAME");
            }
            return VpcCniPodNetwork.podNetns(status.prefix(), p[1], p[2]);
        }
        return status.nodes().stream().filter(n -> n.name().equals(machine)).map(LabStatus.Node::netns).findFirst()
                .orElseThrow(() -> new IOException("the local lab has no machine '" + machine + "' (nodes: "
                        + status.nodes().stream().map(LabStatus.Node::name).toList() + ")"));
    }

    private List<String> enter(String machine) throws IOException {
        List<String> argv = new ArrayList<>();
        if (holderPid > 0) {
            argv.addAll(List.of("nsenter", "-t", Long.toString(holderPid), "-U", "-m", "-n", "--preserve-credentials", "--"));
        }
        argv.addAll(List.of("nsenter", "--net=/run/netns/" + netns(machine), "--"));
        return argv;
    }

    @Override
    public Output run(String machine, String command) throws IOException {
        if (command.startsWith("ip route get ")) {
            return ask(machine, command);
        }
        List<String> argv = enter(machine);
        argv.addAll(List.of("sh", "-c", command));
        Process p = new ProcessBuilder(argv).start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("'" + command + "' on " + machine + " did not end within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running '" + command + "' on " + machine, e);
        }
        return new Output(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
    }

    /** A route question, in the machine's kept shell (started on the first one; a dead one is replaced). */
    private Output ask(String machine, String command) throws IOException {
        NetnsShell shell = kept.get(machine);
        if (shell == null || !shell.alive()) {
            List<String> argv = enter(machine);
            argv.add("sh");
            NetnsShell started = new NetnsShell(machine, argv);
            shell = kept.merge(machine, started, (old, fresh) -> old.alive() ? old : fresh);
            if (shell != started) {
                started.close();
            }
        }
        return shell.run(command, TIMEOUT_SECONDS, timer);
    }

    /** Ends the kept shells. */
    @Override
    public void close() {
        kept.values().forEach(NetnsShell::close);
        kept.clear();
        timer.shutdownNow();
    }
}
