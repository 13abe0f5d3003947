package io.labbench.locallab.nlb;

import io.labbench.locallab.net.KernelAccess;
import io.labbench.locallab.net.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy in master-worker mode inside an NLB's namespace. A new configuration is written
 * and the master told to reload (SIGUSR2): the new worker takes the listeners over while the old one
 * finishes its connections, so scaling the targets drops no client.
 */
final class HaproxyProcess implements AutoCloseable {

    /** The Debian package, named by the machine check and by the error when it is missing. */
    static final String PACKAGE = "haproxy";

    /** How long HAProxy may take to answer on its socket after a start or a reload before the lab says so. */
    private static final long READY_NANOS = 10_000_000_000L;

    private final Path config;
    private final Process process;
    private final Path log;
    private final Path socket;

    private HaproxyProcess(Path config, Process process, Path log, Path socket) {
        this.config = config;
        this.process = process;
        this.log = log;
        this.socket = socket;
    }

    /**
     * Starts HAProxy and returns once its worker has bound everything (its runtime socket appears): the NLB
     * answers from then on, and a reload sent later is not lost to a master still setting up its signals.
     *
     * @param socket the {@code stats socket} the configuration names
     */
    static HaproxyProcess start(KernelAccess kernel, String netns, Path dir, String configText, Path socket) throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("haproxy.cfg");
        Path log = dir.resolve("haproxy.log");
        Files.writeString(config, configText);
        check(kernel, netns, config);
        Files.deleteIfExists(socket); // one a crashed lab left would look like a ready HAProxy
        long mark = size(log);
        Process p = new ProcessBuilder(kernel.inNetns(netns, List.of(binary(), "-W", "-db", "-f", config.toString())))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
        HaproxyProcess haproxy = new HaproxyProcess(config, p, log, socket);
        try {
            haproxy.awaitLoaded(mark, true);
        } catch (IOException e) {
            haproxy.close();
            throw e;
        }
        return haproxy;
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Waits until the master logs, after {@code mark} bytes of its log, that it loaded its configuration and
     * forked a worker ({@code Loading success.}), for a start or a reload; at a start also until the runtime
     * socket exists. (A reload hands the listeners and the socket to the new worker as they are, so the socket
     * alone cannot say that the reload happened.)
     */
    private void awaitLoaded(long mark, boolean start) throws IOException {
        long deadline = System.nanoTime() + READY_NANOS;
        while (System.nanoTime() < deadline) {
            String since = io.labbench.locallab.host.LogTail.since(log, mark);
            if (since.contains("Loading failure")) {
                throw new IOException("HAProxy for this NLB could not load its configuration; see " + log);
            }
            if (since.contains("Loading success") && (!start || Files.exists(socket))) {
                return;
            }
            if (!process.isAlive()) {
                throw new IOException("HAProxy for this NLB stopped (exit " + process.exitValue() + "); see " + log);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while HAProxy loaded its configuration", e);
            }
        }
        throw new IOException("HAProxy for this NLB did not " + (start ? "start" : "reload") + " within "
                + READY_NANOS / 1_000_000_000L + " s; see " + log);
    }


    /** Writes the new configuration and reloads; a configuration HAProxy refuses leaves the old one running. */
    void reload(KernelAccess kernel, String netns, String configText) throws IOException {
        Path next = config.resolveSibling("haproxy.cfg.next");
        Files.writeString(next, configText);
        check(kernel, netns, next);
        Files.move(next, config, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (!process.isAlive()) {
            throw new IOException("HAProxy for this NLB has stopped; see " + log);
        }
        // wait for the master to say it loaded the new configuration: a second reload sent while it re-executes
        // could otherwise be lost, leaving the NLB on the older targets
        long mark = size(log);
        ProcessRunner.run(List.of("kill", "-USR2", Long.toString(process.pid())), "");
        awaitLoaded(mark, false);
    }

    private static void check(KernelAccess kernel, String netns, Path config) throws IOException {
        ProcessRunner.Result r = ProcessRunner.runAllowingFailure(kernel.inNetns(netns, List.of(binary(), "-c", "-f",
                config.toString())), "");
        if (r.exitCode() != 0) {
            // its ALERT lines say what is wrong (-q would silence them too); NOTICE lines only name the version
            String output = (r.stderr() + r.stdout()).strip();
            String alerts = output.lines().filter(l -> l.contains("[ALERT]")).map(l -> l.replaceFirst("^\\[ALERT\\]\\s*\\(\\d+\\)\\s*:\\s*", ""))
                    .collect(java.util.stream.Collectors.joining("; "));
            throw new IOException("HAProxy refused the NLB configuration " + config + ": "
                    + (alerts.isEmpty() ? output : alerts) + " (exit " + r.exitCode() + ")");
        }
    }

    private static String binary() throws IOException {
        for (String candidate : List.of("/usr/sbin/haproxy", "/usr/local/sbin/haproxy")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IOException("HAProxy is not installed; the local lab's NLBs need it: sudo apt-get install -y " + PACKAGE);
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
