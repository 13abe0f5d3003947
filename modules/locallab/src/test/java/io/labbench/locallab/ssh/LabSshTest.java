package io.labbench.locallab.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.ssh.LabEndpoint;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LocalLab;
import io.labbench.locallab.TestLabs;
import io.labbench.locallab.net.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The real OpenSSH client against the lab's servers, with the pinned host keys only. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabSshTest {

    @TempDir
    static Path stateRoot;
    private LocalLab lab;

    @BeforeAll
    void up() throws IOException {
        LabSettings settings = TestLabs.settings(stateRoot);
        lab = new LocalLab(settings);
        lab.up((done, total, message) -> { });
    }

    @AfterAll
    void down() throws IOException {
        if (lab != null) {
            lab.down();
        }
    }

    private LabEndpoint endpoint(String name) {
        return lab.endpoints().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    /** ssh with the lab's key and known_hosts, strict host key checking, nothing from ~/.ssh. */
    private static List<String> ssh(LabEndpoint e, String... command) {
        List<String> argv = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-i", e.privateKey().toString(),
                "-o", "UserKnownHostsFile=" + e.knownHosts(), "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "ConnectTimeout=20",
                "-p", Integer.toString(e.port()), e.user() + "@" + e.host()));
        argv.addAll(List.of(command));
        return argv;
    }

    @Test
    void theLabsFolderWithItsKeysIsTheUsersAlone() throws IOException {
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(lab.settings().labDir()))).isEqualTo("rwx------");
    }

    @Test
    void worker1AnswersHostnameAndShowsItsEns5() throws IOException {
        LabEndpoint worker1 = endpoint("worker1");
        assertThat(worker1.user()).isEqualTo("ubuntu");
        assertThat(ProcessRunner.run(ssh(worker1, "hostname"), "")).isEqualTo("ip-172-30-46-72\n");
        assertThat(ProcessRunner.run(ssh(worker1, "ip -o link"), "")).contains("ens5@").contains("mtu 9001");
    }

    @Test
    void plainCommandsRunInTheMachinesHomeWithItsHostsFileAndHostname() throws IOException {
        // plain program calls skip bash and enter the machine's held namespaces directly: they must see
        // what a shell on the machine sees, command after command
        LabEndpoint worker2 = endpoint("worker2");
        for (int i = 0; i < 3; i++) {
            assertThat(ProcessRunner.run(ssh(worker2, "hostname"), "")).isEqualTo("ip-172-30-89-212\n");
            assertThat(ProcessRunner.run(ssh(worker2, "/bin/pwd"), "").strip()).endsWith("/home/worker2");
            assertThat(ProcessRunner.run(ssh(worker2, "cat /etc/hosts"), "")).contains("api." + LabSettings.DEFAULT_CLUSTER_NAME);
        }
        ProcessRunner.Result missing = ProcessRunner.runAllowingFailure(ssh(worker2, "no-such-program-here --flag"), "");
        assertThat(missing.exitCode()).isEqualTo(127);
        assertThat(missing.stderr()).contains("no-such-program-here");
    }

    @Test
    void execsKeepExitCodesSeparateStderrStdinTheMachinesEnvironmentAndMountNamespace() throws IOException {
        // plain execs are forked by the machine's exec helper: what a client sees must not change
        LabEndpoint kops = endpoint("kops-ec2");
        ProcessRunner.Result mixed = ProcessRunner.runAllowingFailure(
                ssh(kops, "read line; echo \"got $line\"; echo to-stderr >&2; exit 3"), "hello\n");
        assertThat(mixed.exitCode()).isEqualTo(3);
        assertThat(mixed.stdout()).isEqualTo("got hello\n");
        assertThat(mixed.stderr()).isEqualTo("to-stderr\n");
        // a plain program call (no bash): stdin to its end, then its exit code
        assertThat(ProcessRunner.run(ssh(kops, "wc -c"), "x".repeat(200_000)).strip()).isEqualTo("200000");
        assertThat(ProcessRunner.runAllowingFailure(ssh(kops, "false"), "").exitCode()).isEqualTo(1);
        // killed by a signal: 128 + the signal, as bash and sshd report it
        assertThat(ProcessRunner.runAllowingFailure(ssh(kops, "kill -TERM $$"), "").exitCode()).isEqualTo(143);
        String env = ProcessRunner.run(ssh(kops, "env"), "");
        assertThat(env).contains("KUBECONFIG=" + lab.settings().kubeconfig()).contains("HOME=");
        // the machine's own /etc/profile.d is bound in its mount namespace only
        assertThat(ProcessRunner.run(ssh(kops, "ls /etc/profile.d"), "")).contains(LoginProfile.SNIPPET);
        assertThat(ProcessRunner.run(ssh(kops, "pwd"), "").strip()).endsWith("/home/kops-ec2");
    }

    @Test
    void aCommandWhoseClientGoesAwayIsKilled() throws Exception {
        // a watch that gives up on a command (its timeout) closes the channel: the command must not live on
        LabEndpoint worker2 = endpoint("worker2");
        String marker = "7." + System.nanoTime() % 1_000_000;
        Process client = new ProcessBuilder(ssh(worker2, "echo started; sleep " + marker + "; true")).start();
        assertThat(new String(client.getInputStream().readNBytes(8), StandardCharsets.UTF_8)).isEqualTo("started\n");
        assertThat(ProcessRunner.runAllowingFailure(List.of("pgrep", "-f", "sleep " + marker), "").exitCode()).isZero();
        client.destroyForcibly();
        boolean gone = false;
        for (int i = 0; i < 100 && !gone; i++) {
            Thread.sleep(100);
            gone = ProcessRunner.runAllowingFailure(List.of("pgrep", "-f", "sleep " + marker), "").exitCode() != 0;
        }
        assertThat(gone).as("the command's bash and sleep are gone after the client went away").isTrue();
    }

    @Test
    void aCommandWhoseExecHelperDiesEndsWithAClearErrorAndTheNextCommandGetsANewHelper() throws Exception {
        LabEndpoint worker1 = endpoint("worker1");
        // bash -c's parent is the process that forked it: the helper
        long helper = Long.parseLong(ProcessRunner.run(ssh(worker1, "echo $PPID"), "").strip());
        assertThat(java.nio.file.Files.readString(Path.of("/proc/" + helper + "/cmdline"))).startsWith("perl");
        Process running = new ProcessBuilder(ssh(worker1, "echo started; sleep 60")).start();
        assertThat(new String(running.getInputStream().readNBytes(8), StandardCharsets.UTF_8)).isEqualTo("started\n");
        // this test's own lab's helper, by its pid
        new ProcessBuilder("kill", "-KILL", Long.toString(helper)).start().waitFor();
        assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(running.exitValue()).isEqualTo(255);
        assertThat(new String(running.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("worker1's exec helper stopped").contains("run the command again");
        long next = Long.parseLong(ProcessRunner.run(ssh(worker1, "echo $PPID"), "").strip());
        assertThat(next).isNotEqualTo(helper);
        assertThat(ProcessRunner.run(ssh(worker1, "hostname"), "")).isEqualTo("ip-172-30-46-72\n");
    }

    @Test
    void sshFromInsideKopsEc2ReachesWorker1ByItsIpAndMasterByTheApiName() throws IOException {
        LabEndpoint kops = endpoint("kops-ec2");
        assertThat(ProcessRunner.run(ssh(kops, "echo $W1PIP $W2PIP $KOPS_CLUSTER_NAME"), ""))
                .isEqualTo("172.30.46.72 172.30.89.212 " + LabSettings.DEFAULT_CLUSTER_NAME + "\n");
        assertThat(ProcessRunner.run(ssh(kops, "ssh -i ~/.ssh/id_rsa ubuntu@$W1PIP hostname"), "")).isEqualTo("ip-172-30-46-72\n");
        String colored = ProcessRunner.run(ssh(kops, "ssh -i ~/.ssh/id_rsa ubuntu@api.$KOPS_CLUSTER_NAME ip -c route"), "");
        assertThat(colored).contains("\u001b[");
        assertThat(colored.replaceAll("\u001b\\[[0-9;]*m", "").replaceAll(" +", " "))
                .contains("default via 172.30.32.1 dev ens5 proto dhcp src 172.30.37.165 metric 100");
    }

    @Test
    void kubectlInsideKopsEc2ReachesTheLabsApiServer() throws IOException {
        LabEndpoint kops = endpoint("kops-ec2");
        String nodes = ProcessRunner.run(ssh(kops, "kubectl get nodes -o name"), "");
        assertThat(nodes.lines().filter(l -> l.startsWith("node/i-0")).count()).as(nodes).isEqualTo(3);
        assertThat(ProcessRunner.run(ssh(kops, "echo $KUBECONFIG"), "").strip()).isEqualTo(lab.settings().kubeconfig().toString());
    }

    @Test
    void loginShellsInKopsEc2KeepKopsAwsKubectlAndTheKubeconfig() throws IOException {
        LabEndpoint kops = endpoint("kops-ec2");
        // /etc/profile resets PATH; the lab's tools must survive it as they do on a real kops-ec2
        List<String> found = ProcessRunner.run(ssh(kops, "bash -lc 'command -v kops aws kubectl'"), "").lines().toList();
        assertThat(found).hasSize(3);
        assertThat(found.get(0)).endsWith("/bin-kops-ec2/kops");
        assertThat(found.get(1)).endsWith("/bin-kops-ec2/aws");
        assertThat(found.get(2)).endsWith("/kubectl");
        assertThat(ProcessRunner.run(ssh(kops, "bash -lc 'kubectl get nodes -o name'"), "").lines()
                .filter(l -> l.startsWith("node/i-0")).count()).isEqualTo(3);
        // sudo -i runs its command in a login shell, as the real one does
        List<String> sudo = ProcessRunner.run(ssh(kops, "sudo -i command -v kops aws kubectl"), "").lines().toList();
        assertThat(sudo).hasSize(3);
        assertThat(sudo.get(0)).endsWith("/bin-kops-ec2/kops");
        // su - clears the environment too: the settings come back, and root's home is the machine's
        String su = ProcessRunner.run(ssh(kops, "su - -c 'command -v kops; echo $KUBECONFIG $KOPS_CLUSTER_NAME; pwd; ls ~/pkos/2'"), "");
        assertThat(su).contains("/bin-kops-ec2/kops\n")
                .contains(lab.settings().kubeconfig() + " " + LabSettings.DEFAULT_CLUSTER_NAME + "\n")
                .contains("/home/kops-ec2\n").contains("nginx-dp.yaml");
        // the host's own login shells are untouched: the snippet lives only in kops-ec2's mount namespace
        assertThat(ProcessRunner.run(List.of("bash", "-lc", "ls /etc/profile.d"), "")).doesNotContain("labbench");
    }

    @Test
    void kopsEc2HasTheStudyFilesInPkos2AndAYhThatPrintsYaml() throws IOException {
        LabEndpoint kops = endpoint("kops-ec2");
        String shown = ProcessRunner.run(ssh(kops, "cat ~/pkos/2/netshoot-2pods.yaml | yh"), "");
        assertThat(shown).contains("name: pod-1").contains("name: pod-2").contains("image: nicolaka/netshoot");
        assertThat(ProcessRunner.run(ssh(kops, "ls ~/pkos/2"), "").lines().toList())
                .contains("netshoot-2pods.yaml", "nginx-dp.yaml", "echo-service-nlb.yaml");
        assertThat(ProcessRunner.run(ssh(kops, "kubectl apply --dry-run=client -f ~/pkos/2/nginx-dp.yaml"), ""))
                .contains("deployment.apps/nginx-deployment");
    }

    @Test
    void aWrongHostKeyIsRefused() throws IOException {
        LabEndpoint worker1 = endpoint("worker1");
        LabEndpoint worker2 = endpoint("worker2");
        // worker2's port with worker1's pinned key line: the client must refuse
        LabEndpoint mismatched = new LabEndpoint("x", "x", "x", "127.0.0.1", worker2.port(), "ubuntu", worker1.privateKey(),
                writeKnownHostsFor(worker2.port(), worker1));
        ProcessRunner.Result result = ProcessRunner.runAllowingFailure(ssh(mismatched, "hostname"), "");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).containsIgnoringCase("host key");
    }

    @Test
    void interactiveShellShowsTheNodePromptOnAPty() throws Exception {
        LabEndpoint worker2 = endpoint("worker2");
        List<String> argv = new ArrayList<>(ssh(worker2));
        argv.add(1, "-tt");
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write("tty; exit\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        String out;
        try (InputStream o = p.getInputStream()) {
            out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(out).contains("ubuntu@ip-172-30-89-212:").contains("/dev/pts/");
    }

    private static Path writeKnownHostsFor(int port, LabEndpoint keySource) throws IOException {
        String line = java.nio.file.Files.readAllLines(keySource.knownHosts()).stream()
                .filter(l -> l.startsWith("[127.0.0.1]:" + keySource.port() + " ")).findFirst().orElseThrow();
        Path file = stateRoot.resolve("wrong_known_hosts");
        java.nio.file.Files.writeString(file, line.replace("[127.0.0.1]:" + keySource.port(), "[127.0.0.1]:" + port) + "\n");
        return file;
    }
}
