package io.labbench.locallab;

import io.labbench.locallab.spi.NodeInfo;
import io.labbench.locallab.spi.PodNetwork;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The lab's pod network while its namespaces are still being built: node data answers at once, pod
 * wiring waits until the build is done. It lets {@code up} start the Kubernetes API (a second of class
 * loading on a cold JVM) at the same time as the network instead of after it.
 */
final class PodNetworkGate implements PodNetwork {

    private final Supplier<List<NodeInfo>> nodes;
    private final CompletableFuture<? extends PodNetwork> network;

    /** {@code network} answers node data now; pods wait for {@code built}. */
    PodNetworkGate(PodNetwork network, CompletableFuture<Void> built) {
        this(network::nodes, built.thenApply(done -> network));
    }

    /**
     * Node data from {@code nodes} (the topology: no kernel object needed); pods wait for the network,
     * which exists once the kernel access is up and the namespaces are built.
     */
    PodNetworkGate(Supplier<List<NodeInfo>> nodes, CompletableFuture<? extends PodNetwork> network) {
        this.nodes = nodes;
        this.network = network;
    }

    @Override
    public List<NodeInfo> nodes() {
        return nodes.get();
    }

    @Override
    public String attach(String namespace, String podName, String nodeName, boolean hostNetwork) throws IOException {
        return awaitBuilt().attach(namespace, podName, nodeName, hostNetwork);
    }

    @Override
    public void detach(String namespace, String podName) throws IOException {
        awaitBuilt().detach(namespace, podName);
    }

    @Override
    public List<String> execArgv(String namespace, String podName, List<String> command) {
        try {
            return awaitBuilt().execArgv(namespace, podName, command);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private PodNetwork awaitBuilt() throws IOException {
        try {
            return network.join();
        } catch (CompletionException e) {
            throw new IOException("the lab's network was not built: " + e.getCause(), e.getCause());
        }
    }
}
