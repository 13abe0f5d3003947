package io.labbench.locallab.nlb;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy (Debian's {@code haproxy}) on loopback, the NLB data plane of tests that need no root:
 * started from a configuration the test wrote, with its log beside it, stopped by {@link #close()}. The
 * requests go one connection each, as each curl of the study's loop does, to {@link CountingPod}s behind it.
 */
public final class LoopbackHaproxy implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/haproxy");

    private final Process process;

    private LoopbackHaproxy(Process process) {
        this.process = process;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts HAProxy in master-worker mode in the foreground on {@code config}; its output goes to {@code haproxy.log} beside it. */
    public static LoopbackHaproxy start(Path config) throws IOException {
        return new LoopbackHaproxy(new ProcessBuilder(BINARY.toString(), "-W", "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(config.resolveSibling("haproxy.log").toFile()).start());
    }

    /** One request on a connection of its own; fails unless a pod's 204 comes back through HAProxy. */
    public static void get(InetSocketAddress to) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(to, 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!reply.startsWith("HTTP/1.1 204")) {
                throw new IOException("no pod's answer through HAProxy at " + to + " (yet): " + reply);
            }
        }
    }

    /** HAProxy takes a moment to start: repeats {@link #get} until one request passes (20 s at most). */
    public static void awaitAnswer(InetSocketAddress to) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                get(to);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
