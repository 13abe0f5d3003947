package io.labbench.locallab.kube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Runs the real kubectl binary against a kubeconfig, with its own discovery cache folder. */
public final class Kubectl {

    /** One kubectl run. */
    public record Result(int exitCode, String out, String err) {
        public List<String> lines() {
            return out.isBlank() ? List.of() : List.of(out.strip().split("\n"));
        }
    }

    private final Path kubeconfig;
    private final Path home;

    public Kubectl(Path kubeconfig, Path home) {
        this.kubeconfig = kubeconfig;
        this.home = home;
    }

    public Result run(String... args) {
        return runWithInput(null, args);
    }

    public Result runWithInput(String stdin, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("kubectl");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().put("HOME", home.toString());
        try {
            Path out = Files.createTempFile(home, "out", ".txt");
            Path err = Files.createTempFile(home, "err", ".txt");
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            if (stdin == null) {
                pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
                p.getOutputStream().close();
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 120 s");
            }
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new AssertionError("could not run kubectl (is it on PATH?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts a long-running kubectl (e.g. {@code get -w}) with its output in {@code out}. */
    public Process startInBackground(Path out, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("kubectl");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().put("HOME", home.toString());
        return pb.start();
    }

    /** Runs and fails the test with kubectl's stderr when it exits non-zero. */
    public String ok(String... args) {
        Result r = run(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("kubectl " + String.join(" ", args) + " exited " + r.exitCode() + ": " + r.err());
        }
        return r.out();
    }

    /** Re-runs {@code args} until its output satisfies {@code done} (generous: the CI machine is slow). */
    public String await(Predicate<String> done, String... args) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "";
        while (System.nanoTime() < deadline) {
            Result r = run(args);
            last = r.out() + r.err();
            if (r.exitCode() == 0 && done.test(r.out())) {
                return r.out();
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("kubectl " + String.join(" ", args) + " never showed what was expected; last output:\n" + last);
    }

    /**
     * Waits until {@code get pod ARGS --no-headers} lists exactly {@code pods} pods ready and Running (1/1); returns
     * that listing.
     */
    public String awaitRunning(long pods, String... getPodArgs) {
        String[] args = new String[getPodArgs.length + 3];
        args[0] = "get";
        args[1] = "pod";
        System.arraycopy(getPodArgs, 0, args, 2, getPodArgs.length);
        args[args.length - 1] = "--no-headers";
        return await(out -> out.lines().filter(l -> l.contains("1/1") && l.contains("Running")).count() == pods, args);
    }

    /** A table's columns split as kubectl aligns them (two or more spaces). */
    public static List<String> columns(String line) {
        return List.of(line.strip().split("\\s{2,}"));
    }
}
