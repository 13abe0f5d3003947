package io.labbench.packetpath;

/** What handled the packet at a hop. */
public enum HopKind {
    /** Where the flow starts or ends: a pod's eth0, a node's own address, the internet stand-in. */
    ENDPOINT,
    /** An interface the packet enters or leaves by ({@code eni…}, {@code ens5}). */
    INTERFACE,
    /** The {@code ip rule} that chose the routing table. */
    POLICY_RULE,
    /** The route the kernel chose ({@code ip route get}). */
    ROUTE,
    /** An iptables rule that matched. */
    NETFILTER_RULE,
    /** A built-in chain's policy, applied at its end. */
    CHAIN_POLICY,
    /** Conntrack: the entry for the flow, or its reverse NAT on the reply. */
    CONNTRACK,
    /** What carries the packet between machines: the VPC subnet, its router, the internet gateway. */
    FABRIC,
    /** A load balancer's listener, target group or target. */
    LOAD_BALANCER
}
