package io.labbench.locallab;

import io.labbench.locallab.kube.Kubectl;
import io.labbench.locallab.net.ProcessRunner;
import io.labbench.locallab.settings.LabSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test class's local lab (root), up under a random {@code lbt…} prefix ({@link TestLabs#settings}) so that
 * parallel runs never collide, with what the lab tests reach it through: the real {@code kubectl} on its
 * kubeconfig, kops-ec2 over the lab's own SSH ({@link KopsEc2Shell}), a command on any machine, and a folder
 * for the manifests a test writes. A test class gets one through {@link SharedTestLab}, which brings it up
 * once and closes it after the class: its tests share the lab, as a learner's steps share one cluster.
 */
public final class RunningTestLab implements AutoCloseable {

    private final LocalLab lab;
    private final LabStatus status;
    private final Kubectl kubectl;
    private final KopsEc2Shell kopsEc2;
    private final Path manifests;

    private RunningTestLab(LocalLab lab, LabStatus status, Kubectl kubectl, Path manifests) {
        this.lab = lab;
        this.status = status;
        this.kubectl = kubectl;
        this.kopsEc2 = new KopsEc2Shell(status);
        this.manifests = manifests;
    }

    /** Brings a lab up with its state under {@code stateRoot}; takes it down again if the up fails. */
    public static RunningTestLab up(Path stateRoot) throws IOException {
        LabSettings settings = TestLabs.settings(stateRoot);
        LocalLab lab = new LocalLab(settings);
        try {
            LabStatus status = lab.up(LocalLabProgress.none());
            Kubectl kubectl = new Kubectl(settings.kubeconfig(), Files.createDirectories(stateRoot.resolve("home")));
            return new RunningTestLab(lab, status, kubectl, Files.createDirectories(stateRoot.resolve("manifests")));
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    public LocalLab lab() {
        return lab;
    }

    public LabSettings settings() {
        return lab.settings();
    }

    /** The status {@code up} returned (endpoints, nodes, kubeconfig). */
    public LabStatus status() {
        return status;
    }

    /** The real kubectl with the lab's kubeconfig, as on kops-ec2 but run from the test. */
    public Kubectl kubectl() {
        return kubectl;
    }

    public KopsEc2Shell kopsEc2() {
        return kopsEc2;
    }

    /** The folder the test's manifests are written to. */
    public Path manifests() {
        return manifests;
    }

    /** Writes {@code yaml} as {@code name} into the manifests folder and applies it with kubectl. */
    public Path apply(String name, String yaml) throws IOException {
        Path file = Files.writeString(manifests.resolve(name), yaml);
        kubectl.ok("apply", "-f", file.toString());
        return file;
    }

    /** Runs {@code command} on a machine of the lab (node, kops-ec2) the way its SSH login would; expects exit 0, returns stdout. */
    public String onMachine(String machine, String command) throws IOException {
        return ProcessRunner.run(lab.shell(machine).orElseThrow().execArgv(command), "");
    }

    @Override
    public void close() throws IOException {
        lab.close();
    }
}
