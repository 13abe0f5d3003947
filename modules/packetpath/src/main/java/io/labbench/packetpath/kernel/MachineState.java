package io.labbench.packetpath.kernel;

import io.labbench.netparse.model.AddressedInterface;
import io.labbench.netparse.model.ConntrackEntry;
import io.labbench.netparse.model.IpRuleEntry;
import io.labbench.packetpath.netfilter.Ruleset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One machine's state read at one moment. {@code localAddresses} are the {@code local} routes of {@code
 * ip route show table local}; {@code proxyNeighbours} maps an address to the device that answers ARP for
 * it ({@code ip neigh show proxy}: on the local lab, which ENI a pod's IP arrives on). {@code problems}
 * says what could not be read and why. {@code interfaces} are {@code ip addr}'s devices and addresses (empty when
 * not read), from which the caller learns a node's ENIs without asking the machine again.
 */
public record MachineState(String machine, Ruleset rules, List<IpRuleEntry> ipRules, Set<String> localAddresses,
                           List<ConntrackEntry> conntrack, Map<String, String> proxyNeighbours, List<String> problems,
                           List<AddressedInterface> interfaces) {
    public MachineState {
        interfaces = List.copyOf(interfaces);
        ipRules = List.copyOf(ipRules);
        localAddresses = Set.copyOf(localAddresses);
        conntrack = List.copyOf(conntrack);
        proxyNeighbours = Map.copyOf(proxyNeighbours);
        problems = List.copyOf(problems);
    }

    /** A state without its interfaces (recorded fixtures that captured none). */
    public MachineState(String machine, Ruleset rules, List<IpRuleEntry> ipRules, Set<String> localAddresses,
                        List<ConntrackEntry> conntrack, Map<String, String> proxyNeighbours, List<String> problems) {
        this(machine, rules, ipRules, localAddresses, conntrack, proxyNeighbours, problems, List.of());
    }
}
