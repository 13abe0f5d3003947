package io.labbench.locallab.net;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ipamd's bookkeeping for one node: which ENIs are attached, which addresses (or /28 prefixes) each
 * holds, and which pod has which address. It decides; {@link VpcCniPodNetwork} carries the decisions
 * out in the kernel. Warm pool: WARM_ENI_TARGET=1 (a whole ENI's worth of free IPs is kept, so the
 * first pod brings {@code ens6}), or with prefix delegation WARM_PREFIX_TARGET=1.
 */
final class NodeIpam {

    /** An ENI the node has; {@code free} holds its unassigned pod addresses in hand-out order. */
    static final class Eni {
        final int deviceIndex;
        final Ipv4 primaryIp;
        final List<Ipv4> secondaryIps = new ArrayList<>();
        final List<Ipv4> prefixes = new ArrayList<>();
        final Deque<Ipv4> free = new ArrayDeque<>();

        Eni(int deviceIndex, Ipv4 primaryIp) {
            this.deviceIndex = deviceIndex;
            this.primaryIp = primaryIp;
        }

        int usedSlots() {
            return secondaryIps.size() + prefixes.size();
        }

        String device() {
            return EniWiring.device(deviceIndex);
        }
    }

    /** An address handed to a pod, and the ENIs attached to make it possible. */
    record Allocation(Ipv4 ip, int deviceIndex, List<Eni> attachedEnis) {
    }

    private final LabNode node;
    private final boolean prefixDelegation;
    private final SubnetAddressPool pool;
    private final List<Eni> enis = new ArrayList<>();
    private final Map<String, Allocation> pods = new HashMap<>();
    private final Set<String> hostNetworkPods = new HashSet<>();

    NodeIpam(LabNode node, boolean prefixDelegation, SubnetAddressPool pool) {
        this.node = node;
        this.prefixDelegation = prefixDelegation;
        this.pool = pool;
        Eni primary = new Eni(0, node.ip());
        enis.add(primary);
        if (!prefixDelegation) {
            fillSecondaryIps(primary);
        }
    }

    LabNode node() {
        return node;
    }

    synchronized List<Eni> enis() {
        return List.copyOf(enis);
    }

    /** The ENIs and what each holds now, copied under the lock (for the lab's EC2 answers). */
    synchronized List<EniState> eniStates() {
        return enis.stream().map(e -> new EniState(e.deviceIndex, e.device(), e.primaryIp, List.copyOf(e.secondaryIps),
                List.copyOf(e.prefixes))).toList();
    }

    synchronized int podCount() {
        return pods.size() + hostNetworkPods.size();
    }

    synchronized NodeUsage usage() {
        return new NodeUsage(node.name(), podCount(), hostNetworkPods.size(), freeAddresses(),
                enis.stream().map(Eni::device).toList(), node.maxPods());
    }

    synchronized int freeAddresses() {
        return enis.stream().mapToInt(e -> e.free.size()).sum();
    }

    synchronized Optional<Allocation> allocation(String podKey) {
        return Optional.ofNullable(pods.get(podKey));
    }

    /** Host-network pods (aws-node, kube-proxy) count against maxPods but use the node's IP. */
    synchronized void addHostNetworkPod(String podKey) throws IpamException {
        if (!hostNetworkPods.contains(podKey)) {
            checkRoom();
            hostNetworkPods.add(podKey);
        }
    }

    synchronized Allocation allocate(String podKey) throws IpamException {
        Allocation existing = pods.get(podKey);
        if (existing != null) {
            return new Allocation(existing.ip(), existing.deviceIndex(), List.of());
        }
        checkRoom();
        List<Eni> attached = new ArrayList<>();
        Optional<Eni> source = enis.stream().filter(e -> !e.free.isEmpty()).findFirst();
        if (source.isEmpty()) {
            if (!grow(attached)) {
                throw new IpamException(IpamException.Reason.NO_ADDRESS_LEFT, "ipamd on " + node.name()
                        + ": no available IP/Prefix addresses (" + node.instanceType().name() + ": "
                        + node.instanceType().maxEnis() + " ENIs x " + (node.instanceType().ipv4PerEni() - 1)
                        + (prefixDelegation ? " /28 prefixes" : " secondary IPs") + " all in use)");
            }
            source = enis.stream().filter(e -> !e.free.isEmpty()).findFirst();
        }
        Eni eni = source.orElseThrow();
        Ipv4 ip = eni.free.removeFirst();
        keepWarm(attached);
        Allocation allocation = new Allocation(ip, eni.deviceIndex, List.copyOf(attached));
        pods.put(podKey, allocation);
        return allocation;
    }

    /** Gives the pod's address back to its ENI's pool; unknown pods are ignored. */
    synchronized Optional<Allocation> release(String podKey) {
        hostNetworkPods.remove(podKey);
        Allocation allocation = pods.remove(podKey);
        if (allocation != null) {
            enis.get(allocation.deviceIndex()).free.addLast(allocation.ip());
        }
        return Optional.ofNullable(allocation);
    }

    private void checkRoom() throws IpamException {
        if (podCount() >= node.maxPods()) {
            throw new IpamException(IpamException.Reason.TOO_MANY_PODS, "node " + node.name() + " (" + node.instanceId() + ", "
                    + node.instanceType().name() + ") already runs " + node.maxPods() + " pods, its maxPods"
                    + (prefixDelegation ? " (kubelet maxPods)" : " (ENIs x (IPs per ENI - 1) + 2)"));
        }
    }

    private void keepWarm(List<Eni> attached) {
        if (prefixDelegation) {
            if (freeAddresses() == 0) {
                grow(attached);
            }
        } else if (freeAddresses() < node.instanceType().ipv4PerEni() - 1 && enis.size() < node.instanceType().maxEnis()) {
            attached.add(attachEni());
        }
    }

    /** One more slot's worth of addresses: a /28 on an ENI with room, or a new ENI. */
    private boolean grow(List<Eni> attached) {
        int slotsPerEni = node.instanceType().ipv4PerEni() - 1;
        if (prefixDelegation) {
            Optional<Eni> withRoom = enis.stream().filter(e -> e.usedSlots() < slotsPerEni).findFirst();
            Eni eni;
            if (withRoom.isPresent()) {
                eni = withRoom.get();
            } else if (enis.size() < node.instanceType().maxEnis()) {
                eni = attachEni();
                attached.add(eni);
            } else {
                return false;
            }
            Ipv4 prefix = pool.takePrefix28();
            eni.prefixes.add(prefix);
            for (int i = 0; i < 16; i++) {
                eni.free.addLast(prefix.plus(i));
            }
            return true;
        }
        if (enis.size() >= node.instanceType().maxEnis()) {
            return false;
        }
        attached.add(attachEni());
        return true;
    }

    private Eni attachEni() {
        Eni eni = new Eni(enis.size(), pool.takeAddress());
        enis.add(eni);
        if (!prefixDelegation) {
            fillSecondaryIps(eni);
        }
        return eni;
    }

    private void fillSecondaryIps(Eni eni) {
        for (int i = 1; i < node.instanceType().ipv4PerEni(); i++) {
            Ipv4 ip = pool.takeAddress();
            eni.secondaryIps.add(ip);
            eni.free.addLast(ip);
        }
    }
}
