package io.labbench.sessions.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An exec request: a stubbed reply when the test set one for this command line, else {@code bash -c} with the
 * channel's input as its stdin, as OpenSSH's sshd gives it (a client that sends no EOF leaves it open).
 */
final class ExecCommand implements Command {

    private final String command;
    private final Optional<Supplier<CommandReply>> stub;
    private final Path home;
    private final Map<String, String> environment;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exitCallback;
    private volatile Process process;

    ExecCommand(String command, Optional<Supplier<CommandReply>> stub, Path home, Map<String, String> environment) {
        this.command = command;
        this.stub = stub;
        this.home = home;
        this.environment = environment;
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
        if (stub.isPresent()) {
            CommandReply reply = stub.get().get();
            out.write(reply.stdout().getBytes(StandardCharsets.UTF_8));
            out.flush();
            err.write(reply.stderr().getBytes(StandardCharsets.UTF_8));
            err.flush();
            exitCallback.onExit(reply.exitCode());
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-c", command)).directory(home.toFile());
        builder.environment().putAll(environment);
        process = builder.start();
        pumpStdin(in, process.getOutputStream());
        Thread stdout = pump(process.getInputStream(), out, "lbt-sshd-exec-out");
        Thread stderr = pump(process.getErrorStream(), err, "lbt-sshd-exec-err");
        Thread waiter = new Thread(() -> {
            try {
                int code = process.waitFor();
                stdout.join();
                stderr.join();
                exitCallback.onExit(code);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lbt-sshd-exec-wait");
        waiter.setDaemon(true);
        waiter.start();
    }

    private static Thread pumpStdin(InputStream from, OutputStream to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[65536];
            try (to) {
                int n;
                while (from != null && (n = from.read(buffer)) >= 0) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // the command ended or the channel closed
            }
        }, "lbt-sshd-exec-in");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static Thread pump(InputStream from, OutputStream to, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[65536];
            try {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // The channel closed under us; the waiter still reports the exit code.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void destroy(ChannelSession channel) {
        Process running = process;
        if (running != null) {
            running.descendants().forEach(ProcessHandle::destroyForcibly);
            running.destroyForcibly();
        }
    }
}
