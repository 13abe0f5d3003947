package io.labbench.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.app.locallab.LocalLabWorkspace;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LabStatus;
import io.labbench.locallab.KopsEc2Shell;
import io.labbench.locallab.LocalLab;
import io.labbench.locallab.TestLabs;
import io.labbench.sessions.SessionHub;
import io.labbench.sessions.ssh.HostKeyVerifier;
import io.labbench.sessions.ssh.SshSettings;
import io.labbench.sessions.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end tests' local lab: built as root under a random {@code lbt…} prefix ({@link TestLabs}, so
 * parallel runs and leftovers never collide), with the app's own workspace for it and a {@link SessionHub} on
 * the lab's SSH endpoints that trusts only the lab's pinned host keys; the real kubectl and kops-ec2's shell
 * for what a test does to the cluster. {@link #close()} tears it down and
 * checks, as a learner would after {@code lab down}, that no namespace of it is left.
 */
final class RunningLocalLab implements AutoCloseable {

    final String prefix;
    final LocalLab lab;
    final LabStatus status;
    final Workspace workspace;
    final SessionHub hub;

    private RunningLocalLab(String prefix, LocalLab lab, LabStatus status, Workspace workspace, SessionHub hub) {
        this.prefix = prefix;
        this.lab = lab;
        this.status = status;
        this.workspace = workspace;
        this.hub = hub;
    }

    static RunningLocalLab start(Path dir) throws IOException {
        Path stateRoot = dir.resolve("state");
        LabSettings random = TestLabs.settings(stateRoot);
        String prefix = random.prefix();
        LabSettings settings = random.withKubeconfig(stateRoot.resolve(prefix + "-kubeconfig"));
        LocalLab lab = new LocalLab(settings);
        LabStatus status;
        try {
            status = lab.up((done, total, message) -> { });
        } catch (IOException | RuntimeException e) {
            lab.down();
            throw e;
        }
        Workspace workspace = LocalLabWorkspace.from(status);
        SessionHub hub = SessionHub.builder(workspace)
                .sshSettings(SshSettings.isolated(LocalLabWorkspace.knownHosts(status)))
                .hostKeyVerifier(HostKeyVerifier.refuseUnknown())
                .nodeRunner(false)   // as the app's lab hub (WorkbenchSetup): the lab's exec helper does that job
                .build();
        return new RunningLocalLab(prefix, lab, status, workspace, hub);
    }

    /** The lab's kubeconfig, for a real {@code kubectl} run from the test. */
    Path kubeconfig() {
        return Path.of(status.kubeconfig());
    }

    /** The real kubectl with the lab's kubeconfig; fails the test on a non-zero exit or after 60 s. */
    String kubectl(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig().toString()));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("`" + String.join(" ", argv) + "` failed: " + output);
        }
        return output;
    }

    /** kops-ec2 over the lab's SSH with the OpenSSH client, as a learner's terminal reaches it. */
    KopsEc2Shell kopsEc2() {
        return new KopsEc2Shell(status);
    }

    /** The availability zone of a node ({@code worker1} and {@code worker2} are in different ones). */
    String zone(String node) {
        return status.nodes().stream().filter(n -> n.name().equals(node)).map(LabStatus.Node::zone).findFirst().orElseThrow();
    }

    @Override
    public void close() throws IOException {
        try {
            hub.close();
        } finally {
            lab.down();
            assertThat(new String(new ProcessBuilder("ip", "netns", "list").start().getInputStream().readAllBytes()))
                    .as("namespaces left after lab down").doesNotContain(prefix + "-");
        }
    }

    static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
