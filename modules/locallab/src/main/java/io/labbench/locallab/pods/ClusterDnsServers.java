package io.labbench.locallab.pods;

import io.labbench.locallab.host.SystemTools;
import io.labbench.locallab.spi.ClusterNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The cluster DNS: what runs for CoreDNS's image. Each {@code coredns-…} container is Debian's dnsmasq
 * in the pod's namespaces, on :53 UDP and TCP, answering {@code cluster.local} from a hosts file that
 * holds the names the controllers {@link #publish publish} (it never forwards {@code cluster.local}, so
 * an unknown cluster name is NXDOMAIN at once, as CoreDNS answers it) and forwarding every other name to
 * the VPC resolver, as kOps' Corefile does ({@code forward . /etc/resolv.conf} on a node whose resolver
 * is AmazonProvidedDNS).
 *
 * <p>A change of names rewrites each server's hosts file (a rename, so dnsmasq never reads half a file)
 * and sends it SIGHUP, on which dnsmasq clears its cache and reads the file again: a few milliseconds.
 * dnsmasq rather than a JVM DNS library: it is a real, well-kept DNS server (already the VPC resolver),
 * runs in the pod's own namespaces like the container it stands in for, and costs ~1 MB per pod.
 *
 * <p>{@code :9153} (the {@code metrics} port) answers with a short plain-text note saying that dnsmasq
 * keeps no Prometheus metrics and how to read its own counters; it is not a Prometheus endpoint.
 */
public final class ClusterDnsServers implements ClusterNames {

    private static final Logger LOG = Logger.getLogger(ClusterDnsServers.class.getName());
    static final String HOSTS = "cluster.hosts";
    static final String PID = "dnsmasq.pid";
    private static final String METRICS = "metrics.http";

    private final String upstream;
    private final SystemTools tools;
    /** container folder → how many times in a row its server had no pid file yet when names changed. */
    private final Map<Path, Integer> servers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "locallab-cluster-dns");
        t.setDaemon(true);
        return t;
    });
    private volatile String hosts = "";

    /** @param upstream where names outside {@code cluster.local} go: the VPC resolver (VPC base + 2) */
    public ClusterDnsServers(String upstream, SystemTools tools) {
        this.upstream = upstream;
        this.tools = tools;
    }

    /** Whether {@code repository} (without registry and tag) is CoreDNS's image. */
    static boolean isClusterDnsImage(String repository) {
        return repository.equals("coredns/coredns") || repository.equals("coredns");
    }

    /** The dnsmasq that stands in for a {@code coredns} container whose folder is {@code dir}. */
    ContainerProgram program(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(PID));
        writeAtomically(dir.resolve(HOSTS), hosts);
        Files.writeString(dir.resolve(METRICS), "HTTP/1.0 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + "# labbench: this cluster DNS is Debian's dnsmasq standing in for CoreDNS; it keeps no Prometheus metrics.\n"
                + "# Its own counters: dig +short chaos txt cachesize.bind hits.bind misses.bind @<this pod's IP>\n");
        servers.put(dir, 0);
        String banner = "labbench: CoreDNS stand-in: Debian's dnsmasq answers cluster.local from the Kubernetes API"
                + " and forwards every other name to " + upstream + " (the VPC resolver); :9153 serves a note, not metrics";
        List<String> dnsmasq = List.of("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
                "--no-poll", "--addn-hosts=" + dir.resolve(HOSTS), "--pid-file=" + dir.resolve(PID), "--user=root",
                // no group change: a rootless lab's user namespace forbids setgroups
                "--group=", "--port=53", "--log-facility=-", "--server=" + upstream, "--local=/cluster.local/");
        String socat = "socat -T 5 TCP-LISTEN:9153,reuseaddr,fork SYSTEM:'cat " + dir.resolve(METRICS) + "' &";
        List<String> argv = new java.util.ArrayList<>(List.of("sh", "-c", "printf '%s\\n' \"$0\"; " + socat + " exec \"$@\"",
                banner));
        argv.addAll(dnsmasq);
        return ContainerProgram.of(argv);
    }

    /** The server in {@code dir} stopped: it no longer gets names. */
    void forget(Path dir) {
        servers.remove(dir);
    }

    @Override
    public synchronized void publish(List<Name> names) {
        StringBuilder text = new StringBuilder("# written by LabBench's local lab from the Kubernetes API\n");
        for (Name n : names) {
            text.append(n.address()).append(' ').append(n.name()).append('\n');
        }
        hosts = text.toString();
        for (Path dir : servers.keySet()) {
            reload(dir);
        }
    }

    /** Hands {@code dir}'s server the latest names; retried shortly if it has not written its pid yet. */
    private synchronized void reload(Path dir) {
        if (!servers.containsKey(dir)) {
            return;
        }
        try {
            writeAtomically(dir.resolve(HOSTS), hosts);
            Optional<Long> pid = serverPid(dir);
            if (pid.isEmpty()) {
                // just started (dnsmasq writes its pid once it listens) or gone: a server that starts reads the
                // file itself, so this only closes the gap between its first read and its pid file; give up after 10 s
                int tries = servers.merge(dir, 1, Integer::sum);
                if (tries <= 50) {
                    retries.schedule(() -> reload(dir), 200, TimeUnit.MILLISECONDS);
                }
                return;
            }
            servers.put(dir, 0);
            Process kill = tools.processBuilder(List.of("kill", "-HUP", Long.toString(pid.get())))
                    .redirectErrorStream(true).start();
            kill.getInputStream().readAllBytes();
            kill.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.warning(() -> "the cluster DNS in " + dir + " did not get the new names: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The pid in the server's pid file, if that process is still this folder's dnsmasq (a stale pid file
     * must never make the lab signal whichever process got the number since).
     */
    private static Optional<Long> serverPid(Path dir) throws IOException {
        Path file = dir.resolve(PID);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file).strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        long pid = Long.parseLong(text);
        try {
            String cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
            return cmdline.contains(file.toString()) ? Optional.of(pid) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
