package io.labbench.netparse.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One chain of {@code iptables -L}: a built-in chain has a policy (and, with {@code -v}, the policy's
 * counters), a user chain has a reference count instead. {@code policy} is empty for user chains.
 * The policy counters as printed ({@code 535K}) are kept for snapshots, where suffixes mean approximate.
 */
public record IptablesChain(String name, String policy, OptionalLong policyPackets, OptionalLong policyBytes,
                            OptionalInt references, List<IptablesRule> rules,
                            @JsonIgnore String policyPacketsText, @JsonIgnore String policyBytesText) {
    public IptablesChain {
        rules = List.copyOf(rules);
    }
}
