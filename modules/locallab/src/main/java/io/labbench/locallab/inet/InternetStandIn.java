package io.labbench.locallab.inet;

import io.labbench.locallab.dns.Ec2PrivateNames;
import io.labbench.locallab.dns.KopsApiNames;
import io.labbench.locallab.dns.ResolverRecord;
import io.labbench.locallab.dns.ResolverRecordSource;
import io.labbench.locallab.dns.VpcResolver;
import io.labbench.locallab.host.SystemTools;
import io.labbench.locallab.net.IpBatch;
import io.labbench.locallab.net.KernelAccess;
import io.labbench.locallab.net.LabNode;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.net.PodEtcFiles;
import io.labbench.locallab.net.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The lab's internet, started once the fixed network is built and stopped before it is removed:
 * <ul>
 *   <li>the {@code inet} namespace answers every public IPv4 address: its local table has
 *       {@code local 0.0.0.0/0} (private ranges and the public IPs of the lab excepted), so its kernel answers
 *       ping for any address and its nginx accepts TCP on :80 and :443 for any address;</li>
 *   <li>the VPC namespace is the Internet Gateway: each node's private address is mapped 1:1 to its
 *       {@link PublicAddresses public address} (SNAT out, DNAT in, and both for a node reaching another's
 *       public address);</li>
 *   <li>the {@link VpcResolver} (dnsmasq on VPC base + 2) answers the study's public names with the stand-in,
 *       the nodes' EC2 names and {@code api.<cluster>}, plus whatever record sources later parts
 *       {@link #resolver() add} (the lab's AWS: load balancers, Route 53);</li>
 * </ul>
 */
public final class InternetStandIn implements AutoCloseable {

    /** The VPC resolver (AmazonProvidedDNS) at the VPC's base address + 2. */
    public static final String VPC_RESOLVER = LabTopology.VPC_RESOLVER;
    private static final List<String> NOT_PUBLIC = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10",
            "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4");

    private final LabTopology topology;
    private final KernelAccess kernel;
    private final Path dir;
    private final Path etcDir;
    private final Map<String, String> publicIps;
    private final List<Process> servers = new ArrayList<>();
    private final VpcResolver resolver;

    private volatile LabCa ca;
    private final LabCa preparedCa;

    /**
     * @param dir    the stand-in's own folder (configuration, certificates, logs)
     * @param etcDir the lab's {@code etc} folder: the nodes' {@code resolv.conf} and trust bundle go there
     *               (the machines' shells bind them), and pods bind the trust bundle too
     * @param preparedCa the lab's CA from {@link #prepareCa} for {@code dir}, whose files {@link #start} writes
     */
    public InternetStandIn(LabTopology topology, KernelAccess kernel, Path dir, Path etcDir, LabCa preparedCa) {
        this.preparedCa = preparedCa;
        this.topology = topology;
        this.kernel = kernel;
        this.dir = dir;
        this.etcDir = etcDir;
        this.publicIps = PublicAddresses.of(topology);
        List<ResolverRecord> sites = new ArrayList<>();
        StandInSites.names().forEach((name, ip) -> sites.add(new ResolverRecord.A(name, ip)));
        this.resolver = new VpcResolver(topology.vpcNetns(), VPC_RESOLVER, kernel, dir.resolve("resolver"),
                List.of(Ec2PrivateNames.of(topology), KopsApiNames.of(topology), ResolverRecordSource.fixed(sites)));
    }

    /**
     * The lab's CA with the stand-in sites' certificate, in memory ({@link LabCa#prepare}), for the stand-in
     * whose folder is {@code dir}: made before the stand-in starts, which then writes its files.
     */
    public static LabCa prepareCa(Path dir) throws IOException {
        return LabCa.prepare(dir.resolve("tls"), StandInSites.names().keySet());
    }

    /** The CA with the stand-in sites' certificate kept in {@code store} by an earlier up, for the stand-in whose folder is {@code dir}. */
    public static io.labbench.locallab.tls.Stored<LabCa> keptCa(Path dir, LabCaStore store, java.time.Instant now) {
        return store.load(dir.resolve("tls"), StandInSites.names().keySet(), now);
    }

    /** The VPC resolver, to which later parts add their record sources. */
    public VpcResolver resolver() {
        return resolver;
    }

    /** The lab's CA once {@link #start()} made it: it signs the stand-in's sites and the lab's ACM certificates. */
    public java.util.Optional<LabCa> ca() {
        return java.util.Optional.ofNullable(ca);
    }

    /** node name → its public address. */
    public Map<String, String> publicIps() {
        return publicIps;
    }

    public synchronized void start() throws IOException {
        Files.createDirectories(dir.resolve("files"));
        Files.createDirectories(dir.resolve("tmp"));
        copyResource("iam_policy.json");
        copyResource("externaldns-aws-r53-policy.json");
        LabCa ca = preparedCa;
        ca.writeFiles();
        this.ca = ca;
        ca.writeTrustBundle(etcDir.resolve("ca-certificates.crt"));
        Files.writeString(etcDir.resolve("resolv.conf"), "nameserver " + VPC_RESOLVER + "\nsearch "
                + PodEtcFiles.NODE_SEARCH_DOMAIN + "\n");
        Files.writeString(dir.resolve("nginx.conf"), StandInNginx.config(dir, ca, kernel.rootless()));
        wireKernel();
        servers.add(start(topology.inetNetns(), List.of("nginx", "-e", "stderr", "-p", dir.toString(), "-c",
                dir.resolve("nginx.conf").toString()), dir.resolve("nginx.log")));
        resolver.start();
        awaitListening();
    }

    private void wireKernel() throws IOException {
        // AnyIP: every address is local, in the local table itself (the kernel accepts a reply's source
        // address only if that table calls it local); "throw" hands the VPC's side, the public IPs and
        // private ranges back to the main table, so replies to them are routed out and not delivered here.
        // The extra rule matters: without a rule of its own a namespace merges its local and main tables,
        // and a merged lookup stops at a throw route instead of going on to main
        IpBatch inet = IpBatch.in(topology.inetNetns())
                // first, and with its device: once every address is local, the gateway would resolve to lo
                .add("route add " + PublicAddresses.RANGE + " via " + LabTopology.INET_GATEWAY + " dev eth0")
                .add("rule add pref 32765 lookup main")
                .add("route add local 0.0.0.0/0 dev lo table local")
                .add("route add throw " + PublicAddresses.RANGE + " table local")
                .add("route add throw " + LabTopology.INET_GATEWAY + "/32 table local");
        NOT_PUBLIC.forEach(range -> inet.add("route add throw " + range + " table local"));
        IpBatch vpc = IpBatch.in(topology.vpcNetns()).add("addr add " + VPC_RESOLVER + "/32 dev lo");
        IpBatch.runAll(List.of(inet, vpc), kernel);

        StringBuilder script = new StringBuilder("set -e\n");
        script.append(nsenter(topology.vpcNetns())).append(" iptables-restore -w --noflush <<'LABBENCH_RULES'\n")
                .append(gatewayNat()).append("LABBENCH_RULES\n");
        ProcessRunner.run(kernel.command(List.of("sh", "-s")), script.toString());
    }

    /** The Internet Gateway's 1:1 NAT, in the VPC namespace. */
    String gatewayNat() {
        StringBuilder rules = new StringBuilder("*nat\n");
        for (LabNode node : topology.nodes()) {
            String pub = publicIps.get(node.name());
            rules.append("-A PREROUTING -d ").append(pub).append("/32 -m comment --comment \"Internet Gateway: ").append(node.name())
                    .append(" public IP\" -j DNAT --to-destination ").append(node.ip()).append('\n');
            rules.append("-A POSTROUTING -s ").append(node.ip()).append("/32 -o igw0 -m comment --comment \"Internet Gateway: ")
                    .append(node.name()).append(" public IP\" -j SNAT --to-source ").append(pub).append('\n');
            // a node reaching another node's public address: the reply must come back the same way
            rules.append("-A POSTROUTING -s ").append(node.ip()).append("/32 ! -o igw0 -m conntrack --ctstate DNAT")
                    .append(" -j SNAT --to-source ").append(pub).append('\n');
        }
        return rules.append("COMMIT\n").toString();
    }

    private Process start(String netns, List<String> argv, Path log) throws IOException {
        return SystemTools.ofThisMachine().processBuilder(kernel.inNetns(netns, argv))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
    }

    /** Waits until nginx is up (or says what it printed when it stopped). */
    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Path nginxLog = dir.resolve("nginx.log");
        Process nginx = servers.get(0);
        while (!listens(nginx.pid(), "tcp", 443)) {
            if (!nginx.isAlive()) {
                throw new IOException("the internet stand-in's nginx stopped: "
                        + (Files.exists(nginxLog) ? Files.readString(nginxLog).strip() : "(no output)"));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the internet stand-in's nginx did not listen on :443 within 10 s; see " + nginxLog);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting the internet stand-in", e);
            }
        }
    }

    private static boolean listens(long pid, String proto, int port) {
        String hex = String.format(":%04X ", port);
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", proto)).stream().skip(1)
                    .anyMatch(l -> l.trim().split("\\s+")[1].endsWith(hex.trim()));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void copyResource(String name) throws IOException {
        try (InputStream in = InternetStandIn.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the lab's copy of " + name + " is missing from its jar");
            }
            Files.write(dir.resolve("files").resolve(name), in.readAllBytes());
        }
    }

    private String nsenter(String netns) {
        return "nsenter --net=" + kernel.netnsPath(netns);
    }

    /** Stops nginx and the VPC resolver (their namespaces go with the lab). */
    @Override
    public synchronized void close() {
        resolver.close();
        for (Process p : servers) {
            List<ProcessHandle> children = p.descendants().toList();
            p.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
        for (Process p : servers) {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        servers.clear();
    }
}
