package io.labbench.locallab.net;

import io.labbench.locallab.host.SystemTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs one short command to completion, feeding stdin and collecting stdout and stderr. */
public final class ProcessRunner {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ProcessRunner() {
    }

    /** @return stdout; throws when the exit code is not 0 */
    public static String run(List<String> argv, String stdin) throws IOException {
        Result result = runAllowingFailure(argv, stdin);
        if (result.exitCode() != 0) {
            throw new KernelCommandException(argv, result.exitCode(), result.stderr().isBlank() ? result.stdout() : result.stderr());
        }
        return result.stdout();
    }

    public record Result(int exitCode, String stdout, String stderr) {
    }

    public static Result runAllowingFailure(List<String> argv, String stdin) throws IOException {
        Process process;
        try {
            process = SystemTools.ofThisMachine().processBuilder(argv).start();
        } catch (IOException e) {
            throw new IOException("cannot start '" + argv.get(0) + "' (" + e.getMessage()
                    + "); 'labbench lab status' lists what this machine lacks", e);
        }
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null && !stdin.isEmpty()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the command may exit before reading all of stdin; its exit code tells what happened
        }
        byte[] out = readAll(process.getInputStream());
        try {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("'" + String.join(" ", argv) + "' did not finish within " + TIMEOUT.toSeconds() + " s");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running " + argv.get(0));
        }
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            stream.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
