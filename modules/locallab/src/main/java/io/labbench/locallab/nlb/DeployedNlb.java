package io.labbench.locallab.nlb;

import io.labbench.localaws.state.CertificateIssuer;
import io.labbench.localaws.state.LabCloud;
import io.labbench.locallab.net.KernelAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One NLB that runs: its namespace, its HAProxy, its certificates on disk and the health of its
 * targets, and for an NLB that keeps the client's address its kernel forwarding rules (HAProxy then
 * only checks the targets, and the rules send to those that pass). {@link #apply} brings a running NLB
 * to a new model of the same shape (other targets) with a graceful reload.
 */
final class DeployedNlb implements AutoCloseable {

    private final NlbNamespace namespace;
    private final KernelAccess kernel;
    private final Path dir;
    private final Path socket;
    private final HaproxyProcess haproxy;
    private final Map<String, Path> certificates;
    private final TargetHealthTracker health = new TargetHealthTracker();
    private final Instant created;
    private final java.util.Optional<KernelForwarding> forwarding;
    private volatile NlbModel model;
    private volatile Map<String, HaproxyStats.ServerCheck> lastChecks = Map.of();
    private volatile boolean active;

    /**
     * How long an NLB whose targets never answer stays {@code provisioning}: on AWS an NLB goes active whether
     * or not its targets do (after minutes); here it goes active as soon as a target answers, or after this.
     */
    static final Duration PROVISIONING_AT_MOST = Duration.ofSeconds(30);
    private long countsWritten;

    private DeployedNlb(NlbNamespace namespace, KernelAccess kernel, Path dir, Path socket, HaproxyProcess haproxy,
                        Map<String, Path> certificates, NlbModel model, Instant created, java.util.Optional<KernelForwarding> forwarding) {
        this.forwarding = forwarding;
        this.socket = socket;
        this.namespace = namespace;
        this.kernel = kernel;
        this.dir = dir;
        this.haproxy = haproxy;
        this.certificates = certificates;
        this.model = model;
        this.created = created;
        health.register(model, created);
    }

    /**
     * Builds the namespace and starts HAProxy; on failure nothing of it is left.
     *
     * @param socket HAProxy's runtime API socket (the health reader asks it)
     */
    static DeployedNlb start(NlbNamespace namespace, KernelAccess kernel, Path dir, Path socket, NlbModel model,
                             Map<String, CertificateIssuer.Issued> material) throws IOException {
        boolean made = false;
        try {
            Files.createDirectories(dir);
            Files.createDirectories(socket.getParent());
            Map<String, Path> pems = new LinkedHashMap<>();
            int n = 0;
            for (Map.Entry<String, CertificateIssuer.Issued> m : material.entrySet()) {
                Path pem = dir.resolve("certificate-" + (n++) + ".pem");
                Files.deleteIfExists(pem);
                Files.createFile(pem, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                CertificateIssuer.Issued c = m.getValue();
                Files.writeString(pem, withNewline(c.certificatePem()) + withNewline(c.chainPem()) + withNewline(c.privateKeyPem()));
                pems.put(m.getKey(), pem);
            }
            namespace.create(model.zones());
            made = true;
            java.util.Optional<KernelForwarding> forwarding = java.util.Optional.empty();
            if (model.keepsClientAddress()) {
                KernelForwarding f = new KernelForwarding(kernel, namespace.netns(), namespace.vpcNetns(), namespace.bridgeChain(),
                        namespace.macByZone(), namespace.publicAddresses());
                forwarding = java.util.Optional.of(f);
                f.start(model);
            }
            HaproxyProcess haproxy;
            try {
                haproxy = HaproxyProcess.start(kernel, namespace.netns(), dir, HaproxyConfig.render(model, pems, socket), socket);
            } catch (IOException | RuntimeException e) {
                if (forwarding.isPresent()) {
                    forwarding.get().close();
                }
                throw e;
            }
            return new DeployedNlb(namespace, kernel, dir, socket, haproxy, pems, model, Instant.now(), forwarding);
        } catch (IOException | RuntimeException e) {
            if (made) {
                namespace.delete();
            }
            throw e;
        }
    }

    private static String withNewline(String pem) {
        return pem.isEmpty() || pem.endsWith("\n") ? pem : pem + "\n";
    }

    NlbModel model() {
        return model;
    }

    Instant created() {
        return created;
    }

    /** New targets for the same load balancer: HAProxy reloads, leavers start draining. */
    void apply(NlbModel next) throws IOException {
        haproxy.reload(kernel, namespace.netns(), HaproxyConfig.render(next, certificates, socket));
        health.register(next, Instant.now());
        model = next;
        if (forwarding.isPresent()) {
            Map<String, HaproxyStats.ServerCheck> checks = lastChecks;
            forwarding.get().apply(next, t -> inService(checks, t));
        }
    }

    /** A target the kernel sends new connections to: one HAProxy itself would send to ({@link HaproxyStats.ServerCheck#inService}). */
    private static boolean inService(Map<String, HaproxyStats.ServerCheck> checks, NlbModel.Target target) {
        HaproxyStats.ServerCheck c = checks.get(HaproxyConfig.serverName(target));
        return c != null && c.inService();
    }

    /**
     * {@code provisioning} until the NLB can serve: until one of its targets passed a check (the NLB's listeners
     * then reach it), or {@link #PROVISIONING_AT_MOST} after it was made; {@code active} from then on. Its DNS name
     * answers only once it is active (as on AWS, where the name resolves when provisioning ends), so a learner who
     * sees {@code active}, or whose {@code dig $NLB} answers, can curl it.
     */
    String state() {
        return active ? "active" : "provisioning";
    }

    /** Whether the NLB is active now, given its targets' last checks (it never goes back to provisioning). */
    static boolean serves(NlbModel model, Map<String, HaproxyStats.ServerCheck> checks, Duration sinceCreated) {
        if (sinceCreated.compareTo(PROVISIONING_AT_MOST) >= 0) {
            return true;
        }
        // a check that passed, not only "in service": HAProxy counts a server UP from its start, before any check
        return model.listeners().stream().flatMap(l -> l.targetGroup().targets().stream()).anyMatch(t -> {
            HaproxyStats.ServerCheck c = checks.get(HaproxyConfig.serverName(t));
            return c != null && c.passed() && !c.down();
        });
    }

    /** The targets' health now, per target group ARN (every group of the model present); may turn the NLB active. */
    Map<String, List<LabCloud.TargetHealth>> targetHealth() {
        Map<String, HaproxyStats.ServerCheck> checks;
        try {
            checks = HaproxyStats.read(socket);
            lastChecks = checks;
        } catch (IOException e) {
            // HAProxy did not answer this time (busy, or between reloads): keep routing by its last word. Reading
            // no answer as "nothing passes" would fail open to every target, the nodes without a pod among them
            checks = lastChecks;
        }
        if (!active && serves(model, checks, Duration.between(created, Instant.now()))) {
            active = true;
        }
        if (forwarding.isPresent()) {
            Map<String, HaproxyStats.ServerCheck> now = checks;
            try {
                forwarding.get().apply(model, t -> inService(now, t));
            } catch (IOException e) {
                java.util.logging.Logger.getLogger(DeployedNlb.class.getName()).warning(() -> "the NLB " + model.name()
                        + " could not route to its healthy targets; it retries on the next check: " + e.getMessage());
            }
            writeKernelCounts();
        }
        Map<String, List<LabCloud.TargetHealth>> byGroup = new LinkedHashMap<>();
        model.listeners().forEach(l -> byGroup.put(l.targetGroup().arn(), List.of()));
        byGroup.putAll(health.health(checks, Instant.now()));
        return byGroup;
    }

    /**
     * Once a second, the connections the kernel forwarded to each target, into the NLB's folder for
     * {@link NlbTraffic} (the app's histogram): HAProxy only checks these targets, so its counts stay at zero.
     */
    private void writeKernelCounts() {
        long now = System.nanoTime();
        if (countsWritten != 0 && now - countsWritten < 1_000_000_000L) {
            return;
        }
        countsWritten = now;
        try {
            Path next = dir.resolve(NlbTraffic.KERNEL_COUNTS + ".next");
            Files.writeString(next, NlbTraffic.kernelCountsText(forwarding.orElseThrow().connections()));
            Files.move(next, dir.resolve(NlbTraffic.KERNEL_COUNTS), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            java.util.logging.Logger.getLogger(DeployedNlb.class.getName()).fine(() -> "the NLB " + model.name()
                    + " could not count its connections now: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        haproxy.close();
        if (forwarding.isPresent()) {
            forwarding.get().close();
        }
        namespace.delete();
    }
}
