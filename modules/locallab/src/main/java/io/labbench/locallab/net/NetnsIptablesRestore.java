package io.labbench.locallab.net;

import io.labbench.locallab.spi.NodeIptables;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * kube-proxy's {@code iptables-restore} on a lab node: the same binary, run in the node's network
 * namespace (through the rootless holder's user namespace when the lab runs rootless), fed on stdin.
 */
public final class NetnsIptablesRestore implements NodeIptables {

    private final LabTopology topology;
    private final CompletableFuture<?> networkBuilt;
    private final CompletableFuture<KernelAccess> kernel;

    /**
     * @param networkBuilt completes once the nodes' namespaces and base rules exist
     */
    public NetnsIptablesRestore(LabTopology topology, CompletableFuture<KernelAccess> kernel, CompletableFuture<?> networkBuilt) {
        this.topology = topology;
        this.kernel = kernel;
        this.networkBuilt = networkBuilt;
    }

    @Override
    public boolean ready() {
        return networkBuilt.isDone() && !networkBuilt.isCompletedExceptionally() && kernel.isDone() && !kernel.isCompletedExceptionally();
    }

    @Override
    public void restore(String nodeName, String restoreInput) throws IOException {
        if (!ready()) {
            throw new IOException("the lab's network is not built yet");
        }
        LabNode node = topology.findNode(nodeName)
                .orElseThrow(() -> new IOException("no node '" + nodeName + "' in the lab"));
        KernelAccess access = kernel.join();
        ProcessRunner.run(access.inNetns(node.netns(), List.of("iptables-restore", "-w", "--noflush")), restoreInput);
    }
}
