package io.labbench.locallab.ssh;

import io.labbench.locallab.host.SystemTools;
import io.labbench.locallab.net.Ipv4;
import io.labbench.locallab.net.KernelAccess;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A socat inside a lab namespace listening on {@code address:port} and passing each connection to a
 * Unix socket that a {@link UnixSocketRelay} serves: how {@code ssh ubuntu@$W1PIP} inside the lab
 * reaches a node's SSH server, and kubectl reaches the API server. It adds no iptables rule.
 * {@code setpriv --pdeathsig KILL} makes it die with the JVM that started it.
 */
public final class NetnsSocatForward implements Closeable {

    private final Process process;

    private NetnsSocatForward(Process process) {
        this.process = process;
    }

    public static NetnsSocatForward start(KernelAccess kernel, String netns, Ipv4 address, int port, Path socket, Path log)
            throws IOException {
        List<String> argv = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL", "--"));
        argv.addAll(kernel.inNetns(netns, List.of("socat",
                "TCP-LISTEN:" + port + ",bind=" + address + ",reuseaddr,fork", "UNIX-CONNECT:" + socket)));
        Files.createDirectories(log.getParent());
        Process process = SystemTools.ofThisMachine().processBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        NetnsSocatForward forward = new NetnsSocatForward(process);
        forward.awaitListening(address, port, log);
        return forward;
    }

    public long pid() {
        return process.pid();
    }

    private void awaitListening(Ipv4 address, int port, Path log) throws IOException {
        String wanted = littleEndianHex(address) + ":" + String.format(Locale.ROOT, "%04X", port);
        long deadline = System.nanoTime() + 10_000_000_000L;
        Path tcp = Path.of("/proc", Long.toString(process.pid()), "net", "tcp");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("socat for " + address + ":" + port + " exited: " + Files.readString(log).strip());
            }
            try {
                for (String line : Files.readAllLines(tcp)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[1].equals(wanted) && f[3].equals("0A")) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the process is still starting (nsenter has not switched namespaces yet)
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for socat", e);
            }
        }
        throw new IOException("socat did not listen on " + address + ":" + port + " within 10 s");
    }

    /** /proc/net/tcp prints addresses as the host's (little-endian) u32. */
    private static String littleEndianHex(Ipv4 address) {
        int b = address.bits();
        return String.format(Locale.ROOT, "%02X%02X%02X%02X", b & 255, (b >>> 8) & 255, (b >>> 16) & 255, (b >>> 24) & 255);
    }

    @Override
    public void close() {
        // children first: once socat is gone its forked connections are re-parented and out of reach
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
