package io.labbench.locallab.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod's {@code /etc/hosts}, {@code /etc/hostname} and {@code /etc/resolv.conf}, written the way the
 * kubelet writes them for a {@code ClusterFirst} pod: the cluster DNS service as nameserver, the
 * namespace's search domains before the node's, {@code ndots:5}. {@link PodSandbox} binds them over
 * the host's files in the pod's mount namespace.
 *
 * @param dir the pod's folder in the lab folder
 */
public record PodEtcFiles(Path dir, java.util.Optional<Path> trustBundle, java.util.Optional<PodHome> home) {

    public PodEtcFiles(Path dir, java.util.Optional<Path> trustBundle) {
        this(dir, trustBundle, java.util.Optional.empty());
    }

    /** The kube-dns Service's ClusterIP in a kOps cluster whose service range is 100.64.0.0/13. */
    public static final String CLUSTER_DNS = "100.64.0.10";
    /** What a us-east-1 EC2 instance has in its search list (the node's own domain). */
    public static final String NODE_SEARCH_DOMAIN = "ec2.internal";

    /**
     * @param trustBundle the lab's CA bundle (the host's plus the lab CA), bound over the pod's
     *                    {@code /etc/ssl/certs/ca-certificates.crt} when it exists
     */
    public static PodEtcFiles write(Path dir, String namespace, String hostname, String ip, Path trustBundle) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("hostname"), hostname + "\n");
        Files.writeString(dir.resolve("hosts"), hosts(hostname, ip));
        Files.writeString(dir.resolve("resolv.conf"), resolvConf(namespace));
        return new PodEtcFiles(dir, java.util.Optional.of(trustBundle).filter(Files::isRegularFile));
    }

    /**
     * {@link #write(Path, String, String, String, Path)}, plus the pod's own {@code /root} ({@link PodHome})
     * in {@code dir/root}, through which {@code labState} (the lab's folders, which the containers' files
     * live in) stays reachable when it lies under the host's {@code /root}.
     */
    public static PodEtcFiles write(Path dir, String namespace, String hostname, String ip, Path trustBundle, Path labState)
            throws IOException {
        PodEtcFiles etc = write(dir, namespace, hostname, ip, trustBundle);
        return new PodEtcFiles(dir, etc.trustBundle(), java.util.Optional.of(PodHome.write(dir.resolve("root"), labState)));
    }

    /** The file kubelet writes: the usual loopback lines, then the pod's IP and name. */
    static String hosts(String hostname, String ip) {
        return String.join("\n", "# Kubernetes-managed hosts file.", "127.0.0.1\tlocalhost",
                "::1\tlocalhost ip6-localhost ip6-loopback", "fe00::0\tip6-localnet", "fe00::0\tip6-mcastprefix",
                "fe00::1\tip6-allnodes", "fe00::2\tip6-allrouters", ip + "\t" + hostname, "");
    }

    static String resolvConf(String namespace) {
        return "search " + String.join(" ", List.of(namespace + ".svc.cluster.local", "svc.cluster.local", "cluster.local",
                NODE_SEARCH_DOMAIN)) + "\nnameserver " + CLUSTER_DNS + "\noptions ndots:5\n";
    }

    /** file in {@link #dir} → the path it covers in the pod. */
    public Map<Path, String> bindings() {
        Map<Path, String> b = new LinkedHashMap<>();
        b.put(dir.resolve("hosts"), "/etc/hosts");
        b.put(dir.resolve("hostname"), "/etc/hostname");
        b.put(dir.resolve("resolv.conf"), "/etc/resolv.conf");
        trustBundle.ifPresent(bundle -> b.put(bundle, "/etc/ssl/certs/ca-certificates.crt"));
        // last: binds are recursive, so the home carries the lab's folder bound into it first
        home.ifPresent(h -> b.putAll(h.bindings()));
        return b;
    }
}
