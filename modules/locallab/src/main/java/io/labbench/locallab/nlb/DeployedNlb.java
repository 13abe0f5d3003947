package io.labbench.locallab.nlb;

import io.labbench.localaws.state.CertificateIssuer;
import io.labbench.localaws.state.LabCloud;
import io.labbench.locallab.net.KernelAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One NLB that runs: its namespace, its HAProxy, its certificates on disk and the health of its
 * targets. {@link #apply} brings a running NLB to a new model of the same shape (other targets) with
 * a graceful reload.
 */
final class DeployedNlb implements AutoCloseable {

    private final NlbNamespace namespace;
    private final KernelAccess kernel;
    private final Path dir;
    private final HaproxyProcess haproxy;
    private final Map<String, Path> certificates;
    private final TargetHealthTracker health = new TargetHealthTracker();
    private final Instant created;
    private volatile NlbModel model;

    private DeployedNlb(NlbNamespace namespace, KernelAccess kernel, Path dir, HaproxyProcess haproxy, Map<String, Path> certificates,
                        NlbModel model, Instant created) {
        this.namespace = namespace;
        this.kernel = kernel;
        this.dir = dir;
        this.haproxy = haproxy;
        this.certificates = certificates;
        this.model = model;
        this.created = created;
        health.register(model, created);
    }

    /** Builds the namespace and starts HAProxy; on failure nothing of it is left. */
    static DeployedNlb start(NlbNamespace namespace, KernelAccess kernel, Path dir, NlbModel model,
                             Map<String, CertificateIssuer.Issued> material) throws IOException {
        boolean made = false;
        try {
            Files.createDirectories(dir);
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
            HaproxyProcess haproxy = HaproxyProcess.start(kernel, namespace.netns(), dir,
                    HaproxyConfig.render(model, pems, dir.resolve("haproxy.sock")));
            return new DeployedNlb(namespace, kernel, dir, haproxy, pems, model, Instant.now());
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
        haproxy.reload(kernel, namespace.netns(), HaproxyConfig.render(next, certificates, dir.resolve("haproxy.sock")));
        health.register(next, Instant.now());
        model = next;
    }

    /** The targets' health now, per target group ARN (every group of the model present). */
    Map<String, List<LabCloud.TargetHealth>> targetHealth() {
        Map<String, HaproxyStats.ServerCheck> checks;
        try {
            checks = HaproxyStats.read(dir.resolve("haproxy.sock"));
        } catch (IOException e) {
            checks = Map.of();
        }
        Map<String, List<LabCloud.TargetHealth>> byGroup = new LinkedHashMap<>();
        model.listeners().forEach(l -> byGroup.put(l.targetGroup().arn(), List.of()));
        byGroup.putAll(health.health(checks, Instant.now()));
        return byGroup;
    }

    @Override
    public void close() throws IOException {
        haproxy.close();
        namespace.delete();
    }
}
