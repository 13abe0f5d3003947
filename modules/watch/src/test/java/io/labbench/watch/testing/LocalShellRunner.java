package io.labbench.watch.testing;

import io.labbench.sessions.CommandException;
import io.labbench.sessions.CommandResult;
import io.labbench.sessions.CommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real command runner for tests: runs each command with {@code sh -c} on this machine (optionally
 * inside a network namespace), and counts runs and the most that were ever in flight at once.
 */
public final class LocalShellRunner implements CommandRunner {

    private final String name;
    private final List<String> prefix;
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public LocalShellRunner(String name) {
        this(name, List.of());
    }

    private LocalShellRunner(String name, List<String> prefix) {
        this.name = name;
        this.prefix = prefix;
    }

    /** Runs every command inside network namespace {@code netns}. */
    public static LocalShellRunner inNamespace(String name, String netns) {
        return new LocalShellRunner(name, List.of("ip", "netns", "exec", netns));
    }

    @Override
    public String endpointName() {
        return name;
    }

    public int runs() {
        return runs.get();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    @Override
    public CommandResult run(String command, Duration timeout) throws CommandException {
        runs.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        long start = System.nanoTime();
        try {
            List<String> argv = new java.util.ArrayList<>(prefix);
            argv.addAll(List.of("sh", "-c", command));
            Process process = new ProcessBuilder(argv).start();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CommandException(CommandException.Reason.TIMED_OUT, command + " ran longer than " + timeout);
            }
            return new CommandResult(process.exitValue(), out.join(), err.join(), Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new CommandException(CommandException.Reason.CHANNEL_FAILED, e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException(CommandException.Reason.INTERRUPTED, "interrupted", e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
