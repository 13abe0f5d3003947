package io.labbench.packetpath;

/**
 * Which counter counts a hop: an iptables rule or chain policy on a machine. {@code key} is the row key the
 * watch snapshots use ({@code "nat AWS-SNAT-CHAIN-0 -d 172.30.0.0/16 …"}, {@code "mangle FORWARD :policy"}),
 * so a later reading of the same machine finds the same row.
 */
public record CounterId(String machine, String table, String chain, String key) {
    @Override
    public String toString() {
        return machine + ": " + key;
    }
}
