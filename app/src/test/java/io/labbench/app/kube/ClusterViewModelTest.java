package io.labbench.app.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.labbench.app.shell.TerminalDirectory;
import io.labbench.kube.ClusterViews;
import io.labbench.kube.PodRow;
import io.labbench.kube.testing.RestartableApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The live views' view-model against fabric8's mock API server in CRUD mode: informer updates reach
 * the tables, a Pending pod's reason is shown, aws-node's settings are picked out, the Shell button
 * asks for a {@code pod:NAME} terminal, and a missing kubeconfig says what to do.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(ApplicationExtension.class)
class ClusterViewModelTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path dir;

    private final List<String> opened = new ArrayList<>();
    private final TerminalDirectory terminals = new TerminalDirectory() {
        @Override
        public List<String> names() {
            return List.of();
        }

        @Override
        public void type(String terminalName, String text, boolean pressEnter) {
            opened.add("type " + terminalName);
        }

        @Override
        public void focus(String terminalName) {
            opened.add("focus " + terminalName);
        }

        @Override
        public List<String> recentLines(String terminalName, int maxLines) {
            return List.of();
        }
    };

    private static void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void informerUpdatesAndPendingReasonsReachTheTables() throws Exception {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("i-0a1b2c3d").addToLabels("node.kubernetes.io/instance-type", "t3.medium")
                .endMetadata().withNewStatus().addNewAddress().withType("InternalIP").withAddress("172.30.46.72").endAddress()
                .addToAllocatable("pods", new Quantity("17")).addToAllocatable("cpu", new Quantity("2"))
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
        client.apps().daemonSets().inNamespace("kube-system").resource(new DaemonSetBuilder().withNewMetadata().withName("aws-node").withNamespace("kube-system")
                .endMetadata().withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("aws-node").withImage("amazon-k8s-cni")
                .withEnv(new EnvVarBuilder().withName("ENABLE_PREFIX_DELEGATION").withValue("true").build(),
                        new EnvVarBuilder().withName("WARM_PREFIX_TARGET").withValue("1").build(),
                        new EnvVarBuilder().withName("AWS_VPC_K8S_CNI_LOGLEVEL").withValue("DEBUG").build())
                .endContainer().endSpec().endTemplate().endSpec().build()).create();

        ClusterViewModel vm = WaitForAsyncUtils.asyncFx(() -> new ClusterViewModel(dir.resolve("none"), name -> Optional.empty(), terminals,
                Executors.newSingleThreadExecutor())).get();
        WaitForAsyncUtils.asyncFx(() -> vm.attach(new ClusterViews(client, 50), "context mock from the test")).get();
        await(() -> vm.nodes().size() == 1 && !vm.awsNode().isEmpty());
        assertThat(vm.contextProperty().get()).isEqualTo("context mock from the test");
        assertThat(vm.nodes().get(0).allocatablePods()).isEqualTo(17);
        assertThat(vm.awsNode()).containsExactly(new ClusterViewModel.EnvRow("ENABLE_PREFIX_DELEGATION", "true"),
                new ClusterViewModel.EnvRow("WARM_PREFIX_TARGET", "1"));

        client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("pod-1").withNamespace("default").endMetadata()
                .withNewSpec().withNodeName("i-0a1b2c3d").addNewContainer().withName("netshoot-pod").withImage("nicolaka/netshoot").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("172.30.37.39").addNewContainerStatus().withName("netshoot-pod").withReady(true)
                .endContainerStatus().endStatus().build()).create();
        client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("nginx-6fb79bc456-zzz").withNamespace("default").endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:alpine").endContainer().endSpec()
                .withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage("0/3 nodes are available: 2 Too many pods.").endCondition().endStatus().build()).create();

        await(() -> vm.pods().size() == 2);
        PodRow pending = vm.pods().stream().filter(p -> p.status().equals("Pending")).findFirst().orElseThrow();
        assertThat(pending.pendingReason()).isEqualTo("0/3 nodes are available: 2 Too many pods.");
        assertThat(vm.summaryProperty().get()).isEqualTo("2 pods (1 Pending) on 1 nodes, 0 services");
        await(() -> vm.nodes().get(0).podCount() == 1);
        javafx.scene.control.TableView<?> table = WaitForAsyncUtils.asyncFx(() -> (javafx.scene.control.TableView<?>)
                new ClusterView(vm).node().lookup("#kube-pods")).get();
        assertThat(table.getItems()).as("the view shows the view-model's rows").hasSize(2);

        client.pods().inNamespace("default").withName("pod-1").delete();
        await(() -> vm.pods().size() == 1);

        PodRow pod = vm.pods().get(0);
        WaitForAsyncUtils.asyncFx(() -> vm.openShell(pod)).get();
        assertThat(opened).containsExactly("type pod:nginx-6fb79bc456-zzz", "focus pod:nginx-6fb79bc456-zzz");
        WaitForAsyncUtils.asyncFx(vm::close).get();
    }

    @Test
    void aMissingLocalLabKubeconfigSaysWhatToDo() throws Exception {
        ClusterViewModel vm = WaitForAsyncUtils.asyncFx(() -> new ClusterViewModel(dir.resolve("locallab/kubeconfig"), name -> Optional.empty(),
                terminals, Executors.newSingleThreadExecutor())).get();
        WaitForAsyncUtils.asyncFx(vm::connect).get();
        await(() -> !vm.problemProperty().get().isEmpty());
        assertThat(vm.problemProperty().get()).contains("The local lab has no kubeconfig").contains("labbench lab up");
        assertThat(vm.contextProperty().get()).isEqualTo("Not connected");

        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, client.getConfiguration().getMasterUrl().isEmpty() ? "" : kubeconfigFor(client.getConfiguration().getMasterUrl()));
        WaitForAsyncUtils.asyncFx(() -> {
            vm.choiceProperty().set(KubeconfigChoice.FILE);
            vm.fileProperty().set(file.toString());
            vm.connect();
        }).get();
        await(() -> vm.contextProperty().get().startsWith("context"));
        assertThat(vm.contextProperty().get()).isEqualTo("context mock@lab from " + file);
        WaitForAsyncUtils.asyncFx(() -> {
            vm.choiceProperty().set(KubeconfigChoice.KOPS_EC2);
            vm.connect();
        }).get();
        await(() -> !vm.problemProperty().get().isEmpty());
        assertThat(vm.problemProperty().get()).startsWith("There is no kops-ec2 endpoint in this workspace");
        WaitForAsyncUtils.asyncFx(vm::close).get();
    }

    @Test
    void theTablesSayTheyAreReconnectingAndShowWhatChangedWhileTheApiServerWasDown() throws Exception {
        try (RestartableApiServer api = RestartableApiServer.start(); KubernetesClient restartable = api.client()) {
            restartable.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("pod-1").withNamespace("default").endMetadata()
                    .withNewStatus().withPhase("Running").endStatus().build()).create();
            ClusterViewModel vm = WaitForAsyncUtils.asyncFx(() -> new ClusterViewModel(dir.resolve("none"), name -> Optional.empty(), terminals,
                    Executors.newSingleThreadExecutor())).get();
            WaitForAsyncUtils.asyncFx(() -> vm.attach(new ClusterViews(restartable, 50), "context restartable")).get();
            await(() -> vm.pods().size() == 1 && vm.connectionProperty().get().isEmpty());
            javafx.scene.control.Label shown = WaitForAsyncUtils.asyncFx(() -> (javafx.scene.control.Label)
                    new ClusterView(vm).node().lookup("#kube-connection")).get();

            api.stop();
            await(() -> vm.reconnectingProperty().get());
            assertThat(shown.getText()).startsWith("The API server stopped answering at").contains("reconnecting")
                    .contains("catch up once it answers again");
            assertThat(shown.isVisible()).isTrue();
            assertThat(vm.pods()).extracting(PodRow::name).as("the last state stays").containsExactly("pod-1");

            api.whileDown(c -> {
                c.pods().inNamespace("default").withName("pod-1").delete();
                c.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("nginx-6fb79bc456-zzz").withNamespace("default")
                        .endMetadata().withNewStatus().withPhase("Pending").endStatus().build()).create();
            });
            api.startAgain();
            await(() -> !vm.reconnectingProperty().get() && vm.pods().size() == 1 && vm.pods().get(0).name().startsWith("nginx"));
            assertThat(shown.getText()).isEmpty();
            assertThat(shown.isVisible()).isFalse();
            assertThat(vm.summaryProperty().get()).isEqualTo("1 pods (1 Pending) on 0 nodes, 0 services");
            WaitForAsyncUtils.asyncFx(vm::close).get();
        }
    }

    private static String kubeconfigFor(String url) {
        return "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n    server: " + url + "\n    insecure-skip-tls-verify: true\n"
                + "users:\n- name: admin\n  user:\n    token: not-a-real-token\ncontexts:\n- name: mock@lab\n  context:\n    cluster: mock\n    user: admin\n"
                + "current-context: mock@lab\n";
    }
}
