package io.labbench.locallab.ssh;

import io.labbench.locallab.host.SystemTools;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One long-lived process per lab machine that holds the machine's namespaces (its network namespace,
 * the UTS namespace with its hostname and the mount namespace with the lab's {@code /etc/hosts} bound),
 * so that each exec only enters them ({@code nsenter -t PID}) instead of building them again. Building
 * them took {@code nsenter}, {@code unshare}, {@code sh}, {@code hostname}, two or three {@code mount}s
 * and a {@code dirname} per command, most of a watch panel's 20 ms per refresh.
 *
 * <p>The holder is {@code cat} reading a pipe from this JVM: it ends when the JVM does, and the lab's
 * teardown kills it with the machine's other processes. It is started on first use and again whenever
 * it is found dead; if it cannot start, commands go the old way ({@link MachineShell#execArgv}).
 */
final class MachineNamespaces implements Closeable {

    private static final Logger LOG = Logger.getLogger(MachineNamespaces.class.getName());
    private static final String READY = "namespaces-ready";
    static final String FRESH_NAMESPACES = "labbench.locallab.freshNamespaces";

    private final MachineShell shell;
    private Process holder;
    private boolean closed;

    MachineNamespaces(MachineShell shell) {
        this.shell = shell;
    }

    /** argv that runs {@code command} (a line for bash) on the machine, as {@code bash -c} would. */
    List<String> execArgv(String command) {
        // Off by -Dlabbench.locallab.freshNamespaces=true: each command builds them as before (the
        // benchmark's comparison, and a way around the holder should it ever misbehave).
        Optional<Long> pid = Boolean.getBoolean(FRESH_NAMESPACES) ? Optional.empty() : holderPid();
        if (pid.isEmpty()) {
            return shell.execArgv(command);
        }
        List<String> argv = new ArrayList<>(List.of(SystemTools.ofThisMachine().resolve("nsenter"), "--target", Long.toString(pid.get()), "--net", "--uts", "--mount",
                "--wd=" + shell.home(), "--"));
        String path = shell.environment().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        PlainCommand.parse(command, path).ifPresentOrElse(plain -> argv.addAll(plain.argv()),
                () -> argv.addAll(List.of("bash", "-c", command)));
        return shell.kernel().command(argv);
    }

    private synchronized Optional<Long> holderPid() {
        if (closed) {
            return Optional.empty();
        }
        if (holder != null && holder.isAlive()) {
            return Optional.of(holder.pid());
        }
        holder = null;
        List<String> argv = shell.wrap(List.of("sh", "-c", "echo " + READY + " && exec cat"));
        try {
            Process started = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            // The first line comes once hostname and mounts are in place; EOF means they failed.
            String line = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            if (!READY.equals(line)) {
                started.destroyForcibly();
                LOG.warning(() -> "could not hold " + shell.machine() + "'s namespaces (" + argv + " printed " + line
                        + "); its commands start them each time");
                return Optional.empty();
            }
            holder = started;
            return Optional.of(started.pid());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not hold " + shell.machine() + "'s namespaces; its commands start them each time", e);
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (holder != null) {
            holder.destroy();
            holder = null;
        }
    }
}
