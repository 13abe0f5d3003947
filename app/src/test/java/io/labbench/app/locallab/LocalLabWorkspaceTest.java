package io.labbench.app.locallab;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.LabStatus;
import io.labbench.sessions.SshEndpoint;
import io.labbench.sessions.workspace.Workspace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalLabWorkspaceTest {

    private static final LabStatus RUNNING = new LabStatus(true, "lbt", false, 42,
            List.of(new LabStatus.Node("worker1", "node", "i-0a1", "ip-172-30-46-72", "lbt-worker1", "172.30.46.72",
                            "ap-northeast-2a", "t3.medium", 17, "198.51.100.21"),
                    new LabStatus.Node("worker2", "node", "i-0a2", "ip-172-30-85-10", "lbt-worker2", "172.30.85.10",
                            "ap-northeast-2c", "t3.medium", 17)),
            "/state/kubeconfig", Map.of("worker1", 40122, "worker2", 40123),
            List.of(new LabStatus.Endpoint("worker1", "ip-172-30-46-72", "172.30.46.72", "127.0.0.1", 40122, "ubuntu",
                            "/state/id_rsa", "/state/known_hosts"),
                    new LabStatus.Endpoint("worker2", "ip-172-30-85-10", "172.30.85.10", "127.0.0.1", 40123, "ubuntu",
                            "/state/id_rsa", "/state/known_hosts")),
            "/state/known_hosts", "/state/id_rsa", "pkos.local", false, 4100);

    @Test
    void paneHeadersNameTheNodeItsVpcAddressAndItsPublicIpNotTheLoopbackPort() {
        Map<String, String> names = LocalLabWorkspace.targetNames(RUNNING);
        Workspace workspace = LocalLabWorkspace.from(RUNNING);

        assertThat(names).containsEntry("worker1", "ubuntu@ip-172-30-46-72").containsEntry("worker2", "ubuntu@ip-172-30-85-10");
        assertThat(names.values()).noneMatch(name -> name.contains("127.0.0.1") || name.contains("40122"));
        assertThat(workspace.addressesOf("worker1")).get().extracting(a -> a.label()).isEqualTo("172.30.46.72 / 198.51.100.21");
        assertThat(workspace.addressesOf("worker2")).get().extracting(a -> a.label()).isEqualTo("172.30.85.10");
    }

    @Test
    void workspaceConnectsToTheLoopbackPortsAndSetsTheStudyVariables() {
        Workspace workspace = LocalLabWorkspace.from(RUNNING);

        SshEndpoint worker1 = (SshEndpoint) workspace.endpoint("worker1").orElseThrow();
        assertThat(worker1.host()).isEqualTo("127.0.0.1");
        assertThat(worker1.port()).isEqualTo(40122);
        assertThat(workspace.variables()).containsEntry("W1PIP", "172.30.46.72").containsEntry("W2PIP", "172.30.85.10")
                .containsEntry("KOPS_CLUSTER_NAME", "pkos.local");
    }
}
