package io.labbench.packetpath.netfilter;

import java.util.Set;

/**
 * What a match needs to know about the machine beyond the packet: the addresses it owns ({@code -m addrtype
 * --dst-type LOCAL}) and which endpoint addresses the kernel is known to have chosen for this flow (from
 * conntrack), to follow kube-proxy's {@code -m statistic --mode random} the way the kernel did.
 */
public record MatchContext(Set<String> localAddresses, Set<String> chosenEndpoints) {
    public MatchContext {
        localAddresses = Set.copyOf(localAddresses);
        chosenEndpoints = Set.copyOf(chosenEndpoints);
    }
}
