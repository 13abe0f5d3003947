package io.labbench.locallab;

import io.labbench.locallab.net.LabNetworkBuilder;
import io.labbench.locallab.net.LabNode;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.parts.Part;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The VPC, its subnets and the nodes' namespaces, veths, routes and iptables. {@link #built()} lets
 * the Kubernetes API start beside it and wire pods once it is done. Its namespaces go with the
 * kernel-access part's sweep.
 */
final class NetworkPart implements Part {

    private final LabTopology topology;
    private final KernelAccessPart kernel;
    private final CompletableFuture<Void> built = new CompletableFuture<>();

    NetworkPart(LabTopology topology, KernelAccessPart kernel) {
        this.topology = topology;
        this.kernel = kernel;
    }

    @Override
    public String name() {
        return "network";
    }

    @Override
    public String description() {
        return "Building the VPC, subnets and nodes " + topology.nodes().stream().map(LabNode::name).toList();
    }

    @Override
    public String stopDescription() {
        return "Releasing the pod network";
    }

    @Override
    public List<Part> after() {
        return List.of(kernel);
    }

    @Override
    public void start() throws IOException {
        try {
            new LabNetworkBuilder(topology, kernel.kernel()).build();
            built.complete(null);
        } catch (IOException | RuntimeException e) {
            built.completeExceptionally(e);
            throw e;
        }
    }

    /** Completes when the network is built, exceptionally when it failed or was {@link #abandon abandoned}. */
    CompletableFuture<Void> built() {
        return built;
    }

    /** Releases whoever waits for the network when the lab goes down before it was built. */
    void abandon() {
        built.completeExceptionally(new IOException("the lab was taken down before its network was built"));
    }

    @Override
    public void stop() {
        abandon();
    }
}
