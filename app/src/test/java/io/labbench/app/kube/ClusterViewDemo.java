package io.labbench.app.kube;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.labbench.app.shell.TerminalDirectory;
import io.labbench.kube.testing.RestartableApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The Kubernetes window on fabric8's mock API server, which stops after 8 s and comes back after 20 s
 * with a pod deleted and another created meanwhile, for looking at the "reconnecting" state under
 * Xvfb: {@code java … io.labbench.app.kube.ClusterViewDemo$Main}. Not a test.
 */
public final class ClusterViewDemo extends Application {

    /** The entry point on a plain class path (the JavaFX launcher refuses a main class that extends Application). */
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(ClusterViewDemo.class, args);
        }
    }

    private static void pod(KubernetesClient client, String name, String phase) {
        client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withNodeName("i-worker1").addNewContainer().withName("c").withImage("nicolaka/netshoot").endContainer().endSpec()
                .withNewStatus().withPhase(phase).withPodIP("172.30.37." + (10 + name.length())).endStatus().build()).create();
    }

    @Override
    public void start(Stage stage) throws Exception {
        RestartableApiServer api = RestartableApiServer.start();
        KubernetesClient seed = api.client();
        seed.nodes().resource(new NodeBuilder().withNewMetadata().withName("i-worker1").addToLabels("node.kubernetes.io/instance-type", "t3.medium")
                .endMetadata().withNewStatus().addToAllocatable("pods", new Quantity("17")).addToAllocatable("cpu", new Quantity("2")).endStatus().build()).create();
        pod(seed, "pod-1", "Running");
        pod(seed, "pod-2", "Running");
        Path kubeconfig = Files.createTempFile("demo-kubeconfig", "");
        Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- name: demo\n  cluster: {server: \"http://127.0.0.1:" + api.port()
                + "\"}\ncontexts:\n- name: demo@mock\n  context: {cluster: demo, user: u}\ncurrent-context: demo@mock\nusers:\n- name: u\n  user: {token: t}\n");
        TerminalDirectory none = new TerminalDirectory() {
            @Override
            public List<String> names() {
                return List.of();
            }

            @Override
            public void type(String terminalName, String text, boolean pressEnter) {
            }

            @Override
            public void focus(String terminalName) {
            }

            @Override
            public List<String> recentLines(String terminalName, int maxLines) {
                return List.of();
            }
        };
        ClusterViewModel vm = new ClusterViewModel(Path.of("/nonexistent"), name -> Optional.empty(), none, Executors.newCachedThreadPool());
        vm.choiceProperty().set(KubeconfigChoice.FILE);
        vm.fileProperty().set(kubeconfig.toString());
        stage.setScene(new Scene(new ClusterView(vm).node(), 1100, 600));
        stage.setTitle("Kubernetes window demo");
        stage.show();
        vm.connect();
        Thread script = new Thread(() -> {
            try {
                Thread.sleep(8000);
                api.stop();
                Thread.sleep(12000);
                api.whileDown(c -> {
                    c.pods().inNamespace("default").withName("pod-1").delete();
                    pod(c, "nginx-6fb79bc456-zzz", "Pending");
                });
                api.startAgain();
            } catch (InterruptedException e) {
                Platform.exit();
            }
        }, "demo-script");
        script.setDaemon(true);
        script.start();
    }
}
