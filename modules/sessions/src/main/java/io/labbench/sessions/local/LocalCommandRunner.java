package io.labbench.sessions.local;

import io.labbench.sessions.CommandException;
import io.labbench.sessions.CommandResult;
import io.labbench.sessions.CommandRunner;
import io.labbench.sessions.LocalShellEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command on this machine through {@code bash -lc}, in the endpoint's folder and environment,
 * so PATH and aliases match what the learner's local terminal has.
 */
public final class LocalCommandRunner implements CommandRunner {

    /** Own threads: the common pool may have one thread on 2 cores, and stdout and stderr must drain together. */
    private static final java.util.concurrent.ExecutorService DRAINERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "local-command-output");
        thread.setDaemon(true);
        return thread;
    });

    private final LocalShellEndpoint endpoint;

    public LocalCommandRunner(LocalShellEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public String endpointName() {
        return endpoint.name();
    }

    @Override
    public CommandResult run(String command, Duration timeout) throws CommandException {
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-lc", command));
        builder.environment().putAll(endpoint.env());
        endpoint.workingDir().ifPresent(dir -> builder.directory(dir.toFile()));
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new CommandException(CommandException.Reason.CHANNEL_FAILED,
                    endpointName() + ": cannot start bash to run `" + command + "` (" + e.getMessage() + "); is bash installed?", e);
        }
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new CommandException(CommandException.Reason.TIMED_OUT,
                        endpointName() + ": `" + command + "` did not finish within " + timeout.toMillis() + " ms and was killed");
            }
            return new CommandResult(process.exitValue(), stdout.get(5, TimeUnit.SECONDS), stderr.get(5, TimeUnit.SECONDS),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CommandException(CommandException.Reason.INTERRUPTED, endpointName() + ": interrupted while `" + command + "` ran", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // The command ended but a background child still holds its output open.
            throw new CommandException(CommandException.Reason.TIMED_OUT,
                    endpointName() + ": `" + command + "` ended but its output did not close (a background process keeps it open?)", e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, DRAINERS);
    }
}
