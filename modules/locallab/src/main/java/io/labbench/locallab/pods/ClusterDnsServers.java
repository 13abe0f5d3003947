package io.labbench.locallab.pods;

import io.labbench.locallab.spi.ClusterNames;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The cluster DNS: what runs for CoreDNS's image. Each {@code coredns-…} container is Debian's dnsmasq
 * in the pod's namespaces, on :53 UDP and TCP, answering {@code cluster.local} from a hosts file that
 * holds the names the controllers {@link #publish publish} (it never forwards {@code cluster.local}, so
 * an unknown cluster name is NXDOMAIN at once, as CoreDNS answers it) and forwarding every other name to
 * the VPC resolver, as kOps' Corefile does ({@code forward . /etc/resolv.conf} on a node whose resolver
 * is AmazonProvidedDNS).
 *
 * <p>The hosts file sits alone in a folder dnsmasq watches ({@code --hostsdir}, inotify): a change of
 * names renames a new file into place, and dnsmasq drops the names it had read from the old one and reads
 * the new one by itself, with no signal and no process started by the lab (a {@code kill -HUP} per
 * server cost 150–200 ms on a loaded machine).
 * dnsmasq rather than a JVM DNS library: it is a real, well-kept DNS server (already the VPC resolver),
 * runs in the pod's own namespaces like the container it stands in for, and costs ~1 MB per pod.
 *
 * <p>{@code :9153} (the {@code metrics} port) answers with a short plain-text note saying that dnsmasq
 * keeps no Prometheus metrics and how to read its own counters; it is not a Prometheus endpoint.
 */
public final class ClusterDnsServers implements ClusterNames {

    private static final Logger LOG = Logger.getLogger(ClusterDnsServers.class.getName());
    static final String HOSTS_DIR = "hosts.d";
    static final String HOSTS = "cluster.hosts";
    private static final String METRICS = "metrics.http";

    private final String upstream;
    /** The folders of the running servers' containers. */
    private final Set<Path> servers = ConcurrentHashMap.newKeySet();
    private volatile String hosts = "";

    /** @param upstream where names outside {@code cluster.local} go: the VPC resolver (VPC base + 2) */
    public ClusterDnsServers(String upstream) {
        this.upstream = upstream;
    }

    /** Whether {@code repository} (without registry and tag) is CoreDNS's image. */
    static boolean isClusterDnsImage(String repository) {
        return repository.equals("coredns/coredns") || repository.equals("coredns");
    }

    /** The dnsmasq that stands in for a {@code coredns} container whose folder is {@code dir}. */
    synchronized ContainerProgram program(Path dir) throws IOException {
        Files.createDirectories(dir.resolve(HOSTS_DIR));
        writeHosts(dir, hosts);
        Files.writeString(dir.resolve(METRICS), "HTTP/1.0 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + "# labbench: this cluster DNS is Debian's dnsmasq standing in for CoreDNS; it keeps no Prometheus metrics.\n"
                + "# Its own counters: dig +short chaos txt cachesize.bind hits.bind misses.bind @<this pod's IP>\n");
        servers.add(dir);
        String banner = "labbench: CoreDNS stand-in: Debian's dnsmasq answers cluster.local from the Kubernetes API"
                + " and forwards every other name to " + upstream + " (the VPC resolver); :9153 serves a note, not metrics";
        List<String> dnsmasq = List.of("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
                "--no-poll", "--hostsdir=" + dir.resolve(HOSTS_DIR), "--pid-file", "--user=root",
                // no group change: a rootless lab's user namespace forbids setgroups
                "--group=", "--port=53", "--log-facility=-", "--server=" + upstream, "--local=/cluster.local/");
        String socat = "socat -T 5 TCP-LISTEN:9153,reuseaddr,fork SYSTEM:'cat " + dir.resolve(METRICS) + "' &";
        List<String> argv = new ArrayList<>(List.of("sh", "-c", "printf '%s\\n' \"$0\"; " + socat + " exec \"$@\"", banner));
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
        for (Path dir : servers) {
            try {
                writeHosts(dir, hosts);
            } catch (IOException e) {
                LOG.warning(() -> "the cluster DNS in " + dir + " did not get the new names: " + e.getMessage());
            }
        }
    }

    /**
     * Writes next to the watched folder and renames into it: dnsmasq sees one complete new file (a file
     * written inside the folder would be read half-written, and the temporary name as a hosts file too).
     */
    private static void writeHosts(Path dir, String text) throws IOException {
        Path tmp = dir.resolve(HOSTS + ".tmp");
        Path file = dir.resolve(HOSTS_DIR).resolve(HOSTS);
        Files.writeString(tmp, text);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
