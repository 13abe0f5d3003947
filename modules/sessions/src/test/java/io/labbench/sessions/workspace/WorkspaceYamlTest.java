package io.labbench.sessions.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.cluster.Backend;
import io.labbench.sessions.AppDirs;
import io.labbench.sessions.LocalShellEndpoint;
import io.labbench.sessions.SshEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceYamlTest {

    @TempDir
    Path dir;

    @Test
    void readsAHandWrittenWorkspace() throws Exception {
        String yaml = """
                # my PKOS run
                name: pkos
                backend: aws
                endpoints:
                  - name: kops-ec2
                    type: ssh
                    host: 203.0.113.10
                    user: ubuntu
                    identityFiles: [/keys/kp.pem]
                  - name: master
                    type: ssh
                    host: 172.30.1.10
                    port: 2222
                    user: ubuntu
                    jump: kops-ec2
                  - name: laptop
                    type: local
                    argv: [zsh, -l]
                    env: {KUBECONFIG: /tmp/kc}
                    workingDir: /tmp
                variables:
                  W1PIP: 172.30.1.100
                  NLB: a1b2.elb.amazonaws.com
                """;
        Workspace workspace = WorkspaceYaml.parse(Path.of("workspace.yaml"), yaml);
        assertThat(workspace.name()).isEqualTo("pkos");
        assertThat(workspace.backend()).isEqualTo(Backend.AWS);
        assertThat(workspace.endpoints()).containsExactly(
                SshEndpoint.direct("kops-ec2", "203.0.113.10", 0, "ubuntu", List.of(Path.of("/keys/kp.pem"))),
                SshEndpoint.direct("master", "172.30.1.10", 2222, "ubuntu", List.of()).withJump("kops-ec2"),
                new LocalShellEndpoint("laptop", List.of("zsh", "-l"), Map.of("KUBECONFIG", "/tmp/kc"), Optional.of(Path.of("/tmp"))));
        assertThat(workspace.variables()).containsExactly(Map.entry("W1PIP", "172.30.1.100"), Map.entry("NLB", "a1b2.elb.amazonaws.com"));
    }

    @Test
    void savesAndLoadsTheSameWorkspace() throws Exception {
        Workspace original = Workspace.defaultLocal("pkos")
                .withEndpoints(List.of(
                        SshEndpoint.direct("kops-ec2", "203.0.113.10", 22, "ubuntu", List.of(Path.of("/k/kp.pem"))),
                        SshEndpoint.direct("worker1", "172.30.1.100", 0, "ubuntu", List.of()).withJump("kops-ec2"),
                        new SshEndpoint("worker2", "", 0, "", List.of(), Optional.empty(), Optional.of("pkos-w2")),
                        LocalShellEndpoint.loginShell("local")))
                .withVariable("POD1", "pod-1: 172.30.1.45")
                .withAddresses("kops-ec2", NodeAddresses.of("172.30.1.10", "203.0.113.10"))
                .withAddresses("worker1", NodeAddresses.of("172.30.1.100", null));
        Path file = dir.resolve("ws/workspace.yaml");
        WorkspaceYaml.write(original, file);
        assertThat(Files.readString(file)).startsWith("# LabBench workspace").contains("jump: kops-ec2");
        assertThat(WorkspaceYaml.read(file)).isEqualTo(original);
    }

    @Test
    void reportsEveryProblemWithFileLineColumnAndWhatWasExpected() {
        String yaml = """
                name: pkos
                backend: gcp
                endpoints:
                  - name: master
                    type: ssh
                    hots: 10.0.0.1
                    port: 99999
                  - name: worker1
                    type: telnet
                  - name: worker2
                    type: ssh
                    host: 10.0.0.3
                    jump: bastion
                """;
        Path file = Path.of("/ws/workspace.yaml");
        assertThatThrownBy(() -> WorkspaceYaml.parse(file, yaml))
                .isInstanceOfSatisfying(WorkspaceFileException.class, e -> {
                    assertThat(e.problems()).extracting(WorkspaceProblem::line).containsExactly(2, 6, 7, 4, 9, 13);
                    assertThat(e.problems().get(0).toString()).isEqualTo("/ws/workspace.yaml:2:10: backend 'gcp' is unknown; expected local or aws");
                    assertThat(e.problems().get(1).message()).contains("unknown key 'hots'").contains("host");
                    assertThat(e.problems().get(1).column()).isEqualTo(5);
                    assertThat(e.problems().get(2).message()).contains("expected a number from 1 to 65535");
                    assertThat(e.problems().get(3).message()).contains("expected 'host'");
                    assertThat(e.problems().get(4).message()).contains("type 'telnet' is unknown; expected ssh or local");
                    assertThat(e.problems().get(5).message()).contains("jump 'bastion' is not an endpoint");
                    assertThat(e.getMessage()).contains("Fix the file");
                });
    }

    @Test
    void anAddressesEntryWithoutItsVpcAddressIsNamedWithItsLine() {
        String yaml = """
                name: pkos
                endpoints: []
                addresses:
                  worker1: {vpc: 172.30.1.100, public: 203.0.113.21}
                  worker2: {public: 203.0.113.22}
                  master: 172.30.1.10
                """;
        assertThatThrownBy(() -> WorkspaceYaml.parse(Path.of("/ws/workspace.yaml"), yaml))
                .isInstanceOfSatisfying(WorkspaceFileException.class, e -> {
                    assertThat(e.problems()).extracting(WorkspaceProblem::line).containsExactly(5, 6);
                    assertThat(e.problems().get(0).message()).contains("missing 'vpc'").contains("worker2");
                    assertThat(e.problems().get(1).message()).contains("addresses of master: expected {vpc:");
                });
    }

    @Test
    void reportsBrokenYamlSyntaxWithItsPlace() {
        assertThatThrownBy(() -> WorkspaceYaml.parse(Path.of("w.yaml"), "name: pkos\nendpoints:\n  - name: [unclosed\n"))
                .isInstanceOfSatisfying(WorkspaceFileException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0).line()).isGreaterThanOrEqualTo(3);
                    assertThat(e.problems().get(0).message()).startsWith("not valid YAML");
                });
        assertThatThrownBy(() -> WorkspaceYaml.parse(Path.of("w.yaml"), ""))
                .isInstanceOfSatisfying(WorkspaceFileException.class,
                        e -> assertThat(e.problems().get(0).message()).contains("empty"));
    }

    @Test
    void rejectsJumpCycles() {
        String yaml = """
                name: loop
                endpoints:
                  - {name: a, type: ssh, host: 10.0.0.1, jump: b}
                  - {name: b, type: ssh, host: 10.0.0.2, jump: a}
                """;
        assertThatThrownBy(() -> WorkspaceYaml.parse(Path.of("w.yaml"), yaml))
                .isInstanceOfSatisfying(WorkspaceFileException.class,
                        e -> assertThat(e.problems()).anyMatch(p -> p.message().contains("leads back")));
    }

    @Test
    void storeCreatesTheDefaultFourNodeWorkspaceUnderAppDirsAndNeverOverwritesABrokenFile() throws Exception {
        AppDirs dirs = new AppDirs(dir.resolve("config"), dir.resolve("data"), dir.resolve("state"));
        WorkspaceStore store = new WorkspaceStore(dirs);
        Workspace created = store.loadOrCreateDefault("default");
        assertThat(created.endpointNames()).containsExactly("kops-ec2", "master", "worker1", "worker2");
        assertThat(created.endpoints()).allMatch(LocalShellEndpoint.class::isInstance);
        assertThat(store.file("default")).isEqualTo(dirs.workspace("default").resolve("workspace.yaml")).exists();
        assertThat(store.load("default")).isEqualTo(created);

        Files.writeString(store.file("default"), "name: default\nendpoints: 3\n");
        assertThatThrownBy(() -> store.loadOrCreateDefault("default")).isInstanceOf(WorkspaceFileException.class);
        assertThat(Files.readString(store.file("default"))).isEqualTo("name: default\nendpoints: 3\n");
    }
}
