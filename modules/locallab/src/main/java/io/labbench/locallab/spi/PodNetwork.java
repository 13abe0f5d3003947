package io.labbench.locallab.spi;

import java.io.IOException;
import java.util.List;

/**
 * What the Kubernetes side of the local lab asks of the kernel side, in the roles the VPC CNI and
 * the container runtime play on a real node.
 */
public interface PodNetwork {

    /** The nodes as they stand now (their maxPods follows the prefix-delegation setting). */
    List<NodeInfo> nodes();

    /**
     * Gives a scheduled pod its network the way the VPC CNI does: an IP from the node's ENI pools
     * (attaching a secondary ENI when the warm pool runs low), a network namespace, an {@code eni…}
     * veth, the host route and the {@code ip rule}s. Host-network pods get the node's IP and nothing
     * is created.
     *
     * @return the pod IP
     */
    String attach(String namespace, String podName, String nodeName, boolean hostNetwork) throws IOException;

    /** Reverses {@link #attach}; unknown pods are ignored. */
    void detach(String namespace, String podName) throws IOException;

    /**
     * Builds the argv that runs {@code command} inside the pod's (or, for host-network pods, the
     * node's) namespaces, e.g. {@code nsenter --net=/run/netns/… --uts=… -- command…}; the caller
     * starts it (with a pty for {@code kubectl exec -it}).
     */
    List<String> execArgv(String namespace, String podName, List<String> command);
}
