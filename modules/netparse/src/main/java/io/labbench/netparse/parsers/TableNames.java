package io.labbench.netparse.parsers;

import java.util.Collection;

/**
 * Neither {@code iptables -L} nor {@code iptables -S} prints the table name; iptables lists built-in chains
 * in hook order, and each table has its own set of them, which is how a listing is cut into tables and named.
 */
final class TableNames {
    private TableNames() {
    }

    /** Hook order of a built-in chain, or -1 for a user chain. */
    static int hookOrder(String chain) {
        return switch (chain) {
            case "PREROUTING" -> 0;
            case "INPUT" -> 1;
            case "FORWARD" -> 2;
            case "OUTPUT" -> 3;
            case "POSTROUTING" -> 4;
            default -> -1;
        };
    }

    /** The table whose built-in chains these are; {@code fallback} when they do not tell. */
    static String infer(Collection<String> chains, String fallback) {
        boolean pre = chains.contains("PREROUTING");
        boolean post = chains.contains("POSTROUTING");
        boolean forward = chains.contains("FORWARD");
        boolean input = chains.contains("INPUT");
        boolean output = chains.contains("OUTPUT");
        if (pre && forward) {
            return "mangle";
        }
        if (pre && post || post && !forward && (input || output)) {
            return "nat";
        }
        if (pre && output && !input) {
            return "raw";
        }
        if (forward || input) {
            return "filter";
        }
        if (pre || post) {
            return "nat";
        }
        return fallback;
    }
}
