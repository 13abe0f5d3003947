package io.labbench.locallab.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lines for one {@code ip [-n NETNS] -batch -} run: one process for many settings instead of one
 * process per setting, which is what keeps {@code up} and each pod fast.
 */
public final class IpBatch {

    private static final Pattern FAILED_LINE = Pattern.compile("Command failed -:(\\d+)");

    private final Optional<String> netns;
    private final List<String> lines = new ArrayList<>();
    private boolean force;

    private IpBatch(Optional<String> netns) {
        this.netns = netns;
    }

    /** A batch in the lab's top-level network namespace. */
    public static IpBatch top() {
        return new IpBatch(Optional.empty());
    }

    public static IpBatch in(String netns) {
        return new IpBatch(Optional.of(netns));
    }

    /** Keep going past failing lines (teardown, where some objects may already be gone). */
    public IpBatch force() {
        this.force = true;
        return this;
    }

    public IpBatch add(String line) {
        lines.add(line);
        return this;
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public List<String> argv(KernelAccess kernel) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        netns.ifPresent(n -> argv.addAll(List.of("-n", n)));
        if (force) {
            argv.add("-force");
        }
        argv.addAll(List.of("-batch", "-"));
        return kernel.command(argv);
    }

    /**
     * Runs batches for different namespaces at the same time on the kernel threads and waits for all;
     * the first failure is thrown as itself.
     */
    public static void runAll(List<IpBatch> batches, KernelAccess kernel) throws IOException {
        List<CompletableFuture<Void>> runs = batches.stream().filter(b -> !b.isEmpty()).map(b -> CompletableFuture.runAsync(() -> {
            try {
                b.run(kernel);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, KernelThreads.POOL)).toList();
        try {
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    /**
     * Shell lines that run this batch as one {@code ip} process fed from a here-document, for a script
     * that does several steps in one process spawn ({@link #runInOneProcess}, a pod's set-up). {@code ip}
     * prints nothing on success; when a batch that is not forced fails, its message goes to the script's
     * stdout followed by {@code ip -batch failed in <namespace>}, and the script exits 1.
     */
    String shell() {
        String argv = "ip" + netns.map(n -> " -n '" + n + "'").orElse("") + (force ? " -force" : "") + " -batch -";
        String body = "\n" + String.join("\n", lines) + "\nLABBENCH_BATCH\n";
        if (force) {
            return argv + " >/dev/null 2>&1 <<'LABBENCH_BATCH' || true" + body;
        }
        return argv + " 2>&1 <<'LABBENCH_BATCH' || { echo 'ip -batch failed in " + netns.orElse("(top)") + "'; exit 1; }" + body;
    }

    /** Runs {@code batches} in order in one {@code bash} process (one spawn instead of one per batch). */
    public static void runInOneProcess(List<IpBatch> batches, KernelAccess kernel) throws IOException {
        StringBuilder script = new StringBuilder();
        batches.stream().filter(b -> !b.isEmpty()).forEach(b -> script.append(b.shell()));
        if (script.isEmpty()) {
            return;
        }
        ProcessRunner.Result result = ProcessRunner.runAllowingFailure(kernel.command(List.of("bash", "-c", script.toString())), "");
        if (result.exitCode() != 0) {
            throw new KernelCommandException(List.of("bash", "-c", "(ip batches)"), result.exitCode(),
                    (result.stdout() + result.stderr()).strip());
        }
    }

    public void run(KernelAccess kernel) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        ProcessRunner.Result result = ProcessRunner.runAllowingFailure(argv(kernel), String.join("\n", lines) + "\n");
        if (result.exitCode() != 0 && !force) {
            Matcher m = FAILED_LINE.matcher(result.stderr());
            String where = "";
            if (m.find()) {
                int line = Integer.parseInt(m.group(1));
                if (line >= 1 && line <= lines.size()) {
                    where = " at batch line " + line + " '" + lines.get(line - 1) + "'";
                }
            }
            throw new KernelCommandException(argv(kernel), result.exitCode(),
                    result.stderr().strip() + where + " in namespace " + netns.orElse("(top)"));
        }
    }
}
