package io.labbench.locallab;

import io.labbench.locallab.spi.NodeInfo;
import io.labbench.locallab.spi.PodNetwork;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The lab's pod network while its namespaces are still being built: node data answers at once, pod
 * wiring waits until the build is done. It lets {@code up} start the Kubernetes API (a second of class
 * loading on a cold JVM) at the same time as the network instead of after it.
 */
final class PodNetworkGate implements PodNetwork {

    private final PodNetwork network;
    private final CompletableFuture<Void> built;

    PodNetworkGate(PodNetwork network, CompletableFuture<Void> built) {
        this.network = network;
        this.built = built;
    }

    @Override
    public List<NodeInfo> nodes() {
        // from the topology: no kernel object needed
        return network.nodes();
    }

    @Override
    public String attach(String namespace, String podName, String nodeName, boolean hostNetwork) throws IOException {
        awaitBuilt();
        return network.attach(namespace, podName, nodeName, hostNetwork);
    }

    @Override
    public void detach(String namespace, String podName) throws IOException {
        awaitBuilt();
        network.detach(namespace, podName);
    }

    @Override
    public List<String> execArgv(String namespace, String podName, List<String> command) {
        try {
            awaitBuilt();
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return network.execArgv(namespace, podName, command);
    }

    private void awaitBuilt() throws IOException {
        try {
            built.join();
        } catch (CompletionException e) {
            throw new IOException("the lab's network was not built: " + e.getCause(), e.getCause());
        }
    }
}
