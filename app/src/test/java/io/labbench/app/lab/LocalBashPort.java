package io.labbench.app.lab;

import io.labbench.labmodel.engine.CommandPort;
import io.labbench.labmodel.engine.PortResult;
import io.labbench.labmodel.model.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs checks and captures with {@code bash -c} on this machine, whatever the target. */
final class LocalBashPort implements CommandPort {
    @Override
    public PortResult run(Target target, String command, Duration timeout) {
        try {
            Process p = new ProcessBuilder("bash", "-c", command).start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new PortResult.NotRun("timed out");
            }
            return new PortResult.Ran(p.exitValue(), out.get(), err.get());
        } catch (Exception e) {
            return new PortResult.NotRun(e.toString());
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
