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

    private final Path config;
    private final Process process;
    private final Path log;

    private HaproxyProcess(Path config, Process process, Path log) {
        this.config = config;
        this.process = process;
        this.log = log;
    }

    static HaproxyProcess start(KernelAccess kernel, String netns, Path dir, String configText) throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("haproxy.cfg");
        Path log = dir.resolve("haproxy.log");
        Files.writeString(config, configText);
        check(kernel, netns, config);
        Process p = new ProcessBuilder(kernel.inNetns(netns, List.of(binary(), "-W", "-db", "-f", config.toString())))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
        return new HaproxyProcess(config, p, log);
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
        ProcessRunner.run(List.of("kill", "-USR2", Long.toString(process.pid())), "");
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
