/**
 * Packet path: where a packet of a flow goes, hop by hop, and what rewrites it. {@link
 * io.labbench.packetpath.PathResolver} walks a flow (pod, node, address or Service to any of those) over
 * the machines' parsed state — the kernel's own answers to {@code ip route get}, the {@code ip rule} list,
 * {@code iptables-save -c} rules with their counters, {@code conntrack -L} — and the cluster state (pods,
 * nodes, Services as plain records). The result is a list of {@link io.labbench.packetpath.Hop}s, each
 * naming its machine, the object that handled the packet, the rule that matched, the address rewrite and
 * the identity of the counter that counts it, so a later counter reading can show deltas. Routing is the
 * kernel's answer; only iptables matching is evaluated here, on parsed rules (package {@code netfilter}),
 * and the lab tests check it against the kernel's counters. Nothing of SSH, AWS, Kubernetes or JavaFX: the
 * live side ({@code live}) runs commands through a {@link io.labbench.packetpath.live.MachineShell}.
 */
package io.labbench.packetpath;
