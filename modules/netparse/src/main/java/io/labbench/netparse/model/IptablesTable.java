package io.labbench.netparse.model;

import java.util.List;

/**
 * One table of an {@code iptables -L} listing. The listing never prints the table name, so it is the one
 * the command listed when the caller passed it ({@link io.labbench.netparse.ParseHints}), else inferred
 * from the built-in chains seen ({@code PREROUTING}+{@code POSTROUTING} without {@code FORWARD} is nat…),
 * or {@code filter} (iptables' own default) when nothing tells.
 */
public record IptablesTable(String name, List<IptablesChain> chains) {
    public IptablesTable {
        chains = List.copyOf(chains);
    }
}
