package io.labbench.locallab.bench;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LocalLab;
import io.labbench.locallab.net.PodSandbox;
import io.labbench.locallab.net.ProcessRunner;
import io.labbench.locallab.net.VpcCniPodNetwork;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A DNS query from a pod, beside the same query to a resolver on the host, in one run (a main, run as
 * root; same class path as {@link LocalLabBenchmark}). A netshoot pod asks a {@code coredns-…} pod
 * (dnsmasq in its own namespaces, across the node's veths) for {@code kubernetes.default.svc.cluster.local}
 * and for {@code www.google.com} (which it forwards to the VPC resolver in the VPC namespace); the
 * reference is the same {@code dig} asking a dnsmasq on the host's loopback that answers both names itself
 * (no lab network in between, nothing leaves the machine). Each batch is one {@code dig -f} of 200 queries,
 * timed around it (dig's own start-up is spread over the 200); the figure is the median over the batches of
 * the per-query time, in µs.
 * <pre>java -cp … io.labbench.locallab.bench.ClusterDnsQueryBenchmark [batches]</pre>
 */
public final class ClusterDnsQueryBenchmark {

    private static final int PER_BATCH = 200;
    private static final String CLUSTER_NAME = "kubernetes.default.svc.cluster.local";
    private static final String PUBLIC_NAME = "www.google.com";

    private ClusterDnsQueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path root = Files.createTempDirectory("lbdnsbench");
        try (LocalLab lab = new LocalLab(LabSettings.defaults(root, BenchPrefixes.random("lbd")).withKubeconfig(root.resolve("kubeconfig")))) {
            lab.up((d, t, m) -> { });
            Path kubeconfig = lab.settings().kubeconfig();
            kubectl(kubeconfig, root, "run", "asker", "--image=nicolaka/netshoot", "--", "sleep", "infinity");
            VpcCniPodNetwork pods = lab.podNetwork();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String coredns = "";
            while ((pods.sandbox("default", "asker").isEmpty() || coredns.isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                coredns = readyCorednsIp(kubeconfig, root);
            }
            PodSandbox asker = pods.sandbox("default", "asker").orElseThrow(() -> new IllegalStateException("the asking pod never started"));
            if (coredns.isEmpty()) {
                throw new IllegalStateException("no coredns pod became Ready within 120 s");
            }
            Path dir = Files.createDirectories(root.resolve("bench"));
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Process hostDns = new ProcessBuilder("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
                    "--listen-address=127.0.0.1", "--bind-interfaces", "--port=" + port, "--pid-file", "--log-facility=-", "--user=root",
                    "--group=", "--local=/#/", "--host-record=" + CLUSTER_NAME + ",100.64.0.1", "--host-record=" + PUBLIC_NAME + ",203.0.113.20")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("host-dnsmasq.log").toFile()).start();
            try {
                Thread.sleep(300);
                List<String> inPod = new ArrayList<>(VpcCniPodNetwork.inSandbox(asker));
                for (String name : List.of(CLUSTER_NAME, PUBLIC_NAME)) {
                    long pod = median(batches(lab.kernel().command(inPod), dir, coredns, 53, name, batches));
                    long host = median(batches(List.of(), dir, "127.0.0.1", port, name, batches));
                    String what = name.equals(CLUSTER_NAME) ? "cluster name, answered by CoreDNS's dnsmasq"
                            : "public name, forwarded by CoreDNS to the VPC resolver";
                    System.out.printf(Locale.ROOT, "BENCH\tDNS query from a pod (%s), p50\t%d\tµs\t%d\t-%n", what, pod, host);
                }
                System.out.println("reference: the same dig -f batches against dnsmasq on the host's loopback (port " + port + ")");
                System.out.println("load: " + Files.readString(Path.of("/proc/loadavg")).strip());
            } finally {
                hostDns.destroy();
                hostDns.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Per-query µs of each batch: {@code dig -f} of {@link #PER_BATCH} queries, timed inside {@code enter}. */
    private static List<Long> batches(List<String> enter, Path dir, String server, int port, String name, int batches) throws Exception {
        Path queries = dir.resolve("queries-" + port + "-" + name);
        Files.writeString(queries, ("@" + server + " -p " + port + " +short +tries=1 +time=2 " + name + "\n").repeat(PER_BATCH));
        String script = "dig -f " + queries + " >/dev/null;"  // one untimed batch: caches warm, as on any second ask
                + " for b in $(seq " + batches + "); do s=$(date +%s%N); dig -f " + queries + " >/dev/null;"
                + " e=$(date +%s%N); echo $(( (e - s) / 1000 / " + PER_BATCH + " )); done";
        List<String> argv = new ArrayList<>(enter);
        argv.addAll(List.of("sh", "-c", script));
        List<Long> out = new ArrayList<>();
        for (String line : ProcessRunner.run(argv, "").split("\n")) {
            if (line.strip().matches("\\d+")) {
                out.add(Long.parseLong(line.strip()));
            }
        }
        return out;
    }

    /** The IP of a Ready coredns pod, or "" while none is. */
    private static String readyCorednsIp(Path kubeconfig, Path home) throws Exception {
        String out = kubectl(kubeconfig, home, "get", "pod", "-n", "kube-system", "-l", "k8s-app=kube-dns", "-o",
                "jsonpath={range .items[*]}{.status.podIP} {.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}{end}");
        return out.lines().map(String::strip).filter(l -> l.endsWith(" True")).map(l -> l.split(" ")[0]).findFirst().orElse("");
    }

    private static String kubectl(Path kubeconfig, Path home, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("env", "KUBECONFIG=" + kubeconfig, "HOME=" + home, "kubectl"));
        argv.addAll(List.of(args));
        return ProcessRunner.run(argv, "");
    }

    private static long median(List<Long> values) {
        if (values.isEmpty()) {
            throw new IllegalStateException("no batch finished (is dig installed? apt-get install bind9-dnsutils)");
        }
        return LocalLabBenchmark.median(values);
    }
}
