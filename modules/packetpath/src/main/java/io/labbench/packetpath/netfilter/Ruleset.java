package io.labbench.packetpath.netfilter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One machine's iptables: tables → chains → rules. {@code policyCounters} says whether the built-in
 * chains' policy counters count: iptables-legacy keeps them, iptables-nft prints {@code [0:0]} forever
 * (nftables base chains have no counters), so a path must not promise they rise there.
 */
public final class Ruleset {

    /** One chain: its rules in order, and the policy of a built-in chain ({@code "-"} for user chains). */
    public record Chain(String table, String name, String policy, OptionalLong policyPackets, OptionalLong policyBytes,
                        List<NetfilterRule> rules) {
        public Chain {
            rules = List.copyOf(rules);
        }

        public boolean builtIn() {
            return !"-".equals(policy) && !policy.isEmpty();
        }

        /** The policy row's identity as the watch snapshots key it. */
        public String policyKey() {
            return table + " " + name + " :policy";
        }
    }

    private final Map<String, Map<String, Chain>> tables;
    private final boolean policyCounters;
    private final String source;

    public Ruleset(Map<String, Map<String, Chain>> tables, boolean policyCounters, String source) {
        Map<String, Map<String, Chain>> copy = new LinkedHashMap<>();
        tables.forEach((t, chains) -> copy.put(t, Map.copyOf(chains)));
        this.tables = Map.copyOf(copy);
        this.policyCounters = policyCounters;
        this.source = source;
    }

    public static Ruleset empty(String source) {
        return new Ruleset(Map.of(), false, source);
    }

    public boolean hasTable(String table) {
        return tables.containsKey(table);
    }

    public Optional<Chain> chain(String table, String chain) {
        Map<String, Chain> t = tables.get(table);
        return t == null ? Optional.empty() : Optional.ofNullable(t.get(chain));
    }

    public boolean policyCounters() {
        return policyCounters;
    }

    /** The command or file the rules were read from, for notes. */
    public String source() {
        return source;
    }

    public int ruleCount() {
        return tables.values().stream().flatMap(m -> m.values().stream()).mapToInt(c -> c.rules().size()).sum();
    }
}
