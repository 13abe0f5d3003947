package io.labbench.labmodel.testing;

import io.labbench.labmodel.engine.CommandPort;
import io.labbench.labmodel.engine.PortResult;
import io.labbench.labmodel.model.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real command port for tests: {@code local} runs {@code bash -c}, and targets mapped to a network
 * namespace run {@code ip netns exec NS bash -c}. Records every command it ran.
 */
public final class BashCommandPort implements CommandPort {
    private final Map<String, String> namespaces;
    public final List<String> ran = new CopyOnWriteArrayList<>();

    public BashCommandPort(Map<String, String> namespaces) {
        this.namespaces = Map.copyOf(namespaces);
    }

    @Override
    public PortResult run(Target target, String command, Duration timeout) {
        List<String> argv = new ArrayList<>();
        if (namespaces.containsKey(target.name())) {
            argv.addAll(List.of("ip", "netns", "exec", namespaces.get(target.name())));
        } else if (!target.name().equals("local") && !target.name().equals("kubectl")) {
            return new PortResult.NotRun(target + " is not connected");
        }
        argv.addAll(List.of("bash", "-c", command));
        ran.add(target + ": " + command);
        try {
            Process process = new ProcessBuilder(argv).start();
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new PortResult.NotRun("timed out after " + timeout.toSeconds() + " s");
            }
            return new PortResult.Ran(process.exitValue(), out.get(), err.get());
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            return new PortResult.NotRun(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PortResult.NotRun("interrupted");
        }
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Runs a setup command, failing the test if it fails. */
    public static void must(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = read(p.getInputStream());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + output);
        }
    }
}
