package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.check.MachineCheck;
import io.labbench.locallab.net.ProcessRunner;
import io.labbench.locallab.net.VpcCniPodNetwork;
import io.labbench.locallab.ssh.LabEndpoint;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rootless path: the whole lab inside a user namespace held by a helper process, nothing in the
 * host's namespaces. CI runs as root, so the lab is told to run rootless (a normal user gets this
 * path by default); the helper is the same {@code unshare --user --map-root-user --net --mount}. The
 * build runs this class with a normal user's PATH (no /usr/sbin, /sbin: see the pom's normal-user-path).
 */
@Tag("normal-user-path") // run by the pom's normal-user-path execution only
class RootlessLabTest {

    @TempDir
    Path stateRoot;

    @Test
    void rootlessLabWiresPodsServesSshAndLeavesNothingInTheHost() throws Exception {
        LabSettings settings = TestLabs.settings(stateRoot);
        LocalLab lab = new LocalLab(settings, MachineCheck.ofThisMachineRootless());
        long holder;
        try {
            LabStatus status = lab.up(LocalLabProgress.none());
            assertThat(status.rootless()).isTrue();
            holder = LabStateFile.readState(settings).orElseThrow().holderPid();
            assertThat(holder).isPositive();
            assertThat(TestLabs.sh("ip", "netns", "list")).as("no namespace in the host's /run/netns")
                    .doesNotContain(settings.prefix() + "-");

            VpcCniPodNetwork pods = lab.podNetwork();
            pods.attach("default", "pod-1", "worker1", false);
            String ip2 = pods.attach("default", "pod-2", "worker2", false);
            assertThat(ProcessRunner.run(pods.execArgv("default", "pod-1", List.of("ping", "-c", "2", "-W", "5", ip2)), ""))
                    .contains("2 received");
            assertThat(ProcessRunner.run(lab.kernel().inNetns(lab.topology().node("worker1").netns(),
                    List.of("ip", "route")), "")).contains("dev ens5 proto dhcp");

            LabEndpoint worker1 = lab.endpoints().stream().filter(e -> e.name().equals("worker1")).findFirst().orElseThrow();
            assertThat(ProcessRunner.run(List.of("ssh", "-F", "/dev/null", "-i", worker1.privateKey().toString(),
                    "-o", "UserKnownHostsFile=" + worker1.knownHosts(), "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
                    "-p", Integer.toString(worker1.port()), "ubuntu@127.0.0.1", "hostname; ip -o link show ens5"), ""))
                    .startsWith("ip-172-30-46-72\n").contains("ens5@");
        } finally {
            lab.down();
        }
        assertThat(ProcessHandle.of(holder).map(ProcessHandle::isAlive).orElse(false)).as("helper process gone").isFalse();
        // this lab's names only: labs of other test runs on the same machine may come and go meanwhile
        assertThat(TestLabs.sh("ip", "netns", "list").lines().filter(l -> l.startsWith(settings.prefix() + "-")))
                .as("namespaces of this lab in the host").isEmpty();
        assertThat(TestLabs.sh("sh", "-c", "ps -eo args | grep -F '" + settings.labDir() + "/' | grep -v grep || true")).isBlank();
        assertThat(settings.labDir()).doesNotExist();
    }
}
