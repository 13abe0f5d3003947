package io.labbench.netparse.model;

import java.util.List;

/** One {@code *table} block of {@code iptables-save} (or the single table of {@code iptables -S}). */
public record SavedTable(String name, List<SavedChain> chains, List<SavedRule> rules) {
    public SavedTable {
        chains = List.copyOf(chains);
        rules = List.copyOf(rules);
    }
}
