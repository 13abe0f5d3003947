package io.labbench.locallab.ssh;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * One SSH session channel on a lab machine: an interactive shell (or an exec with {@code ssh -t})
 * on a pty4j pseudo-terminal sized from the client's pty request and resized on window-change, or a
 * plain exec with separate stdout and stderr. The process runs inside the machine's namespaces.
 */
final class MachineShellCommand implements Command {

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService PUMPS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "locallab-ssh-io-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final MachineShell shell;
    private final MachineNamespaces namespaces;
    private final Optional<String> command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exitCallback;
    private volatile Process process;
    private volatile HelperRun helperRun;
    private final AtomicBoolean exited = new AtomicBoolean();

    MachineShellCommand(MachineShell shell, MachineNamespaces namespaces, Optional<String> command) {
        this.shell = shell;
        this.namespaces = namespaces;
        this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exitCallback = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        Map<String, String> environment = new HashMap<>(shell.environment());
        String term = env.getEnv().get(Environment.ENV_TERM);
        boolean pty = command.isEmpty() || term != null;
        List<String> argv = command.map(namespaces::execArgv).orElseGet(shell::interactiveArgv);
        if (pty) {
            environment.put("TERM", term == null ? "xterm-256color" : term);
            PtyProcess pty4j = new PtyProcessBuilder(argv.toArray(String[]::new)).setEnvironment(environment)
                    .setDirectory(shell.home().toString()).setInitialColumns(number(env, Environment.ENV_COLUMNS, 80))
                    .setInitialRows(number(env, Environment.ENV_LINES, 24)).setRedirectErrorStream(true).start();
            process = pty4j;
            env.addSignalListener((ch, signal) -> pty4j.setWinSize(
                    new WinSize(number(env, Environment.ENV_COLUMNS, 80), number(env, Environment.ENV_LINES, 24))), Signal.WINCH);
            PUMPS.execute(() -> copyInput(pty4j.getOutputStream()));
            PUMPS.execute(() -> {
                copyOutput(pty4j.getInputStream(), out);
                finish();
            });
        } else if (namespaces.helper().isPresent()) {
            startInHelper(namespaces.helper().get(), command.get(), environment);
        } else {
            ProcessBuilder builder = new ProcessBuilder(argv).directory(shell.home().toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process plain = builder.start();
            process = plain;
            PUMPS.execute(() -> copyInput(plain.getOutputStream()));
            AtomicInteger streams = new AtomicInteger(2);
            Runnable done = () -> {
                if (streams.decrementAndGet() == 0) {
                    finish();
                }
            };
            PUMPS.execute(() -> {
                copyOutput(plain.getInputStream(), out);
                done.run();
            });
            PUMPS.execute(() -> {
                copyOutput(plain.getErrorStream(), err);
                done.run();
            });
        }
    }

    /**
     * Runs the exec in the machine's {@link NodeExecHelper}: its output is written to the channel from the
     * helper's reader thread (SSH's window still holds a command that outputs faster than its client reads;
     * while it does, the machine's other plain execs wait too, which only a client that stops reading causes).
     */
    private void startInHelper(NodeExecHelper helper, String line, Map<String, String> environment) throws IOException {
        int id = helper.start(namespaces.commandArgv(line), environment, shell.home().toString(), new NodeExecHelper.Listener() {
            @Override
            public void stdout(byte[] data) throws IOException {
                out.write(data);
                out.flush();
            }

            @Override
            public void stderr(byte[] data) throws IOException {
                err.write(data);
                err.flush();
            }

            @Override
            public void exited(int code) {
                helperRun = null;
                if (exited.compareAndSet(false, true)) {
                    exitCallback.onExit(code);
                }
            }
        });
        if (!exited.get()) {
            helperRun = new HelperRun(helper, id);
        }
        PUMPS.execute(() -> {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0 && !exited.get()) {
                    helper.stdin(id, buffer, 0, n);
                }
                helper.stdin(id, buffer, 0, 0);
            } catch (IOException e) {
                // the command ended, the channel closed or the helper is gone (which ends the command too)
            }
        });
    }

    /** A command running in the helper, for {@link #destroy}. */
    private record HelperRun(NodeExecHelper helper, int id) {
    }

    private void finish() {
        Process p = process;
        int code;
        try {
            code = p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 130;
        }
        if (exited.compareAndSet(false, true)) {
            exitCallback.onExit(code);
        }
    }

    private void copyInput(OutputStream toProcess) {
        byte[] buffer = new byte[8192];
        try (toProcess) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                toProcess.write(buffer, 0, n);
                toProcess.flush();
            }
        } catch (IOException e) {
            // the process ended or the channel closed
        }
    }

    private static void copyOutput(InputStream fromProcess, OutputStream toChannel) {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = fromProcess.read(buffer)) >= 0) {
                toChannel.write(buffer, 0, n);
                toChannel.flush();
            }
        } catch (IOException e) {
            // a pty reports EIO when the last process on it exits: that is the normal end
        }
    }

    private static int number(Environment env, String name, int fallback) {
        try {
            return Integer.parseInt(env.getEnv().getOrDefault(name, Integer.toString(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        HelperRun run = helperRun;
        if (run != null && !exited.get()) {
            try {
                run.helper().signal(run.id(), 9);
            } catch (IOException e) {
                // the helper is gone, and its commands with it
            }
        }
        Process p = process;
        if (p != null && p.isAlive()) {
            // an interactive bash ignores SIGTERM; the channel is gone, so nothing can read it any more
            p.destroyForcibly();
        }
    }
}
