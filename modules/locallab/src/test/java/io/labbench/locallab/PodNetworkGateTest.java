package io.labbench.locallab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.locallab.spi.NodeInfo;
import io.labbench.locallab.spi.PodNetwork;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Kubernetes side may start before the lab's network is built; pods are wired only after it. */
class PodNetworkGateTest {

    /** Records what reached the real network. */
    private static final class RecordingNetwork implements PodNetwork {
        final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public List<NodeInfo> nodes() {
            calls.add("nodes");
            return List.of();
        }

        @Override
        public String attach(String namespace, String podName, String nodeName, boolean hostNetwork) {
            calls.add("attach " + podName);
            return "172.30.40.10";
        }

        @Override
        public void detach(String namespace, String podName) {
            calls.add("detach " + podName);
        }

        @Override
        public List<String> execArgv(String namespace, String podName, List<String> command) {
            calls.add("exec " + podName);
            return command;
        }
    }

    @Test
    void nodesAnswerAtOnceButAPodIsWiredOnlyOnceTheNetworkIsBuilt() throws Exception {
        RecordingNetwork network = new RecordingNetwork();
        CompletableFuture<Void> built = new CompletableFuture<>();
        PodNetworkGate gate = new PodNetworkGate(network, built);

        gate.nodes();
        CompletableFuture<String> attach = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.attach("default", "pod-1", "worker1", false);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(attach).isNotDone();
        assertThat(network.calls).containsExactly("nodes");

        built.complete(null);
        assertThat(attach.get(5, TimeUnit.SECONDS)).isEqualTo("172.30.40.10");
        assertThat(network.calls).containsExactly("nodes", "attach pod-1");
    }

    @Test
    void aNetworkThatFailedToBuildFailsEveryPod() {
        RecordingNetwork network = new RecordingNetwork();
        PodNetworkGate gate = new PodNetworkGate(network, CompletableFuture.failedFuture(new IOException("ip: no such device")));

        assertThatThrownBy(() -> gate.attach("default", "pod-1", "worker1", false))
                .isInstanceOf(IOException.class).hasMessageContaining("no such device");
        assertThatThrownBy(() -> gate.execArgv("default", "pod-1", List.of("true")))
                .hasMessageContaining("no such device");
        assertThat(network.calls).isEmpty();
    }

    @Test
    void nodesComeFromTheTopologyWhileTheNetworkItselfDoesNotExistYet() throws Exception {
        NodeInfo worker1 = new NodeInfo("i-0worker1", "node", "ip-172-30-46-72", "172.30.46.72", "us-east-1a", "t3.medium",
                17, 2000, 4L << 30);
        CompletableFuture<PodNetwork> network = new CompletableFuture<>();
        PodNetworkGate gate = new PodNetworkGate(() -> List.of(worker1), network);

        assertThat(gate.nodes()).containsExactly(worker1);
        CompletableFuture<String> attach = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.attach("default", "pod-1", "worker1", false);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(attach).isNotDone();

        RecordingNetwork made = new RecordingNetwork();
        network.complete(made);
        assertThat(attach.get(5, TimeUnit.SECONDS)).isEqualTo("172.30.40.10");
        assertThat(made.calls).containsExactly("attach pod-1");
    }
}
