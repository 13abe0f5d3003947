package io.labbench.locallab.net;

/**
 * A pod as the CNI wired it.
 *
 * @param netns       its network namespace ({@code lb-cni-…}), or the node's for host-network pods
 * @param hostVeth    {@code eni} + 11 hex of sha1("namespace.pod"); empty for host-network pods
 * @param eniDevice   the ENI whose address it holds ({@code ens5}, {@code ens6}, …)
 */
public record PodAttachment(String namespace, String pod, String node, String ip, String netns, String hostVeth,
                            String eniDevice, boolean hostNetwork) {
}
