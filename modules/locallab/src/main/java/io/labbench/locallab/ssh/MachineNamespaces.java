package io.labbench.locallab.ssh;

import io.labbench.locallab.host.SystemTools;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
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
 * <p>The holder is the machine's {@link NodeExecHelper}, reading a pipe from this JVM: it ends when the
 * JVM does, and the lab's teardown kills it with the machine's other processes. Plain execs (no pty) are
 * forked by it; pty sessions enter its namespaces with {@code nsenter}. It is started on first use and
 * again whenever it is found dead; if it cannot start, commands go the old way ({@link MachineShell#execArgv}).
 */
final class MachineNamespaces implements Closeable {

    private static final Logger LOG = Logger.getLogger(MachineNamespaces.class.getName());
    private static final String READY = "namespaces-ready";
    static final String FRESH_NAMESPACES = "labbench.locallab.freshNamespaces";
    /** Off switch for the exec helper: plain execs are spawned by the JVM through nsenter, as before issue 21's helper. */
    static final String NSENTER_PER_COMMAND = "labbench.locallab.nsenterPerCommand";

    private final MachineShell shell;
    private NodeExecHelper holder;
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
        argv.addAll(commandArgv(command));
        return shell.kernel().command(argv);
    }

    /** The machine's exec helper, started if need be; empty when switched off or it cannot start (then use {@link #execArgv}). */
    Optional<NodeExecHelper> helper() {
        // The helper was started through the lab's KernelAccess (a rootless lab's user namespace too), so its
        // forks are in every namespace the machine's commands need.
        if (Boolean.getBoolean(FRESH_NAMESPACES) || Boolean.getBoolean(NSENTER_PER_COMMAND)) {
            return Optional.empty();
        }
        return holderPid().map(pid -> currentHolder());
    }

    private synchronized NodeExecHelper currentHolder() {
        return holder;
    }

    /** argv for {@code command} inside the machine: the program itself when bash would only call it, else {@code bash -c}. */
    List<String> commandArgv(String command) {
        String path = shell.environment().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        return PlainCommand.parse(command, path).map(PlainCommand::argv).orElseGet(() -> List.of("bash", "-c", command));
    }

    private synchronized Optional<Long> holderPid() {
        if (closed) {
            return Optional.empty();
        }
        if (holder != null && holder.isAlive()) {
            return Optional.of(holder.pid());
        }
        holder = null;
        List<String> argv = shell.wrap(NodeExecHelper.argv(READY));
        try {
            Process started = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            // The first line comes once hostname and mounts are in place and Perl runs; EOF means they failed.
            // Read byte by byte: the helper's frames follow on the same pipe.
            InputStream fromHelper = started.getInputStream();
            String line = readLine(fromHelper);
            if (!READY.equals(line)) {
                started.destroyForcibly();
                LOG.warning(() -> "could not hold " + shell.machine() + "'s namespaces (the helper printed " + line
                        + "); its commands start them each time");
                return Optional.empty();
            }
            holder = new NodeExecHelper(shell.machine(), started, fromHelper);
            return Optional.of(started.pid());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not hold " + shell.machine() + "'s namespaces; its commands start them each time", e);
            return Optional.empty();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.append((char) b);
            if (line.length() > 200) {
                break;
            }
        }
        return line.toString();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (holder != null) {
            holder.close();
            holder = null;
        }
    }
}
