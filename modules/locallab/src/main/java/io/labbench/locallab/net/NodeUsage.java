package io.labbench.locallab.net;

import java.util.List;

/**
 * What a node's ipamd holds now.
 *
 * @param pods            every wired pod, host-network ones included (what maxPods counts)
 * @param freeAddresses   addresses on attached ENIs not given to a pod
 * @param enis            attached ENI devices, {@code ens5} first
 */
public record NodeUsage(String node, int pods, int hostNetworkPods, int freeAddresses, List<String> enis, int maxPods) {
}
