package io.labbench.watch.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** A throw-away network namespace named {@code lbt<suffix>}, deleted on close. Needs root. */
public final class NetworkNamespace implements AutoCloseable {

    private final String name;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    public static NetworkNamespace create() throws IOException, InterruptedException {
        NetworkNamespace ns = new NetworkNamespace("lbtw" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24)));
        run("ip", "netns", "add", ns.name);
        ns.exec("ip link set lo up");
        return ns;
    }

    public String name() {
        return name;
    }

    /** Runs {@code command} with sh inside the namespace; fails with its output when it fails. */
    public String exec(String command) throws IOException, InterruptedException {
        return run("ip", "netns", "exec", name, "sh", "-c", command);
    }

    @Override
    public void close() throws IOException {
        try {
            run("ip", "netns", "del", name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while deleting network namespace " + name, e);
        }
    }

    private static String run(String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(argv))).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }
}
