package io.labbench.locallab.kube.proxy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kube-proxy's chains of one table on one node, each with its rules as {@code iptables-restore} lines
 * ({@code -A CHAIN …}), in the order they are written.
 */
public final class ChainSet {

    private final Map<String, List<String>> chains = new LinkedHashMap<>();

    /** Declares a chain (empty until rules are added); declaring it again keeps its rules. */
    public ChainSet chain(String name) {
        chains.computeIfAbsent(name, n -> new ArrayList<>());
        return this;
    }

    /** Adds {@code -A chain args} (declaring the chain if needed). */
    public ChainSet rule(String chain, String args) {
        chains.computeIfAbsent(chain, n -> new ArrayList<>()).add("-A " + chain + " " + args);
        return this;
    }

    public Map<String, List<String>> chains() {
        return Collections.unmodifiableMap(chains);
    }

    public int ruleCount() {
        return chains.values().stream().mapToInt(List::size).sum();
    }
}
