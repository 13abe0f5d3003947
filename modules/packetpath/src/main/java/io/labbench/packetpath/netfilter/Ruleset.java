package io.labbench.packetpath.netfilter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * One machine's iptables: tables → chains → rules. {@code policyCounters} says whether the built-in
 * chains' policy counters count: iptables-legacy keeps them, iptables-nft prints {@code [0:0]} forever
 * (nftables base chains have no counters), so a path must not promise they rise there.
 */
public final class Ruleset {

    /**
     * One chain: its rules in order, and the policy of a built-in chain ({@code "-"} for user chains). A chain
     * read from {@code iptables-save} interprets its rules the first time they are asked for: a walk visits a
     * handful of a kube-proxy node's thousands of chains, so the rest stay netparse's parsed rules.
     */
    public static final class Chain {
        private final String table;
        private final String name;
        private final String policy;
        private final OptionalLong policyPackets;
        private final OptionalLong policyBytes;
        private final int size;
        private Supplier<List<NetfilterRule>> reader;
        private List<NetfilterRule> rules;

        public Chain(String table, String name, String policy, OptionalLong policyPackets, OptionalLong policyBytes,
                     List<NetfilterRule> rules) {
            this(table, name, policy, policyPackets, policyBytes, rules.size(), null);
            this.rules = List.copyOf(rules);
        }

        /** A chain of {@code size} rules that {@code reader} interprets when first asked (at most once). */
        public Chain(String table, String name, String policy, OptionalLong policyPackets, OptionalLong policyBytes,
                     int size, Supplier<List<NetfilterRule>> reader) {
            this.table = table;
            this.name = name;
            this.policy = policy;
            this.policyPackets = policyPackets;
            this.policyBytes = policyBytes;
            this.size = size;
            this.reader = reader;
        }

        public String table() {
            return table;
        }

        public String name() {
            return name;
        }

        public String policy() {
            return policy;
        }

        public OptionalLong policyPackets() {
            return policyPackets;
        }

        public OptionalLong policyBytes() {
            return policyBytes;
        }

        /** How many rules the chain holds, without interpreting them. */
        public int size() {
            return size;
        }

        public synchronized List<NetfilterRule> rules() {
            if (rules == null) {
                rules = List.copyOf(reader.get());
                reader = null;
            }
            return rules;
        }

        public boolean builtIn() {
            return !"-".equals(policy) && !policy.isEmpty();
        }

        /** The policy row's identity as the watch snapshots key it. */
        public String policyKey() {
            return table + " " + name + " :policy";
        }

        @Override
        public String toString() {
            return table + " " + name + " (" + size + " rules, policy " + policy + ")";
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

    /** Every chain of every table. */
    public java.util.stream.Stream<Chain> chains() {
        return tables.values().stream().flatMap(m -> m.values().stream());
    }

    public int ruleCount() {
        return tables.values().stream().flatMap(m -> m.values().stream()).mapToInt(Chain::size).sum();
    }
}
