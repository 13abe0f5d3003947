package io.labbench.netparse.model;

import java.util.List;
import java.util.OptionalLong;

/**
 * One route of {@code ip route} or {@code route -n}. {@code destination} is {@code default}, a CIDR or a
 * host address (as {@code ip route} prints host routes, without {@code /32}); {@code type} is
 * {@code unicast} unless printed ({@code local}, {@code broadcast}, {@code blackhole}…); {@code table}
 * is {@code main} unless printed. {@code flags} holds {@code linkdown}/{@code onlink}… for ip route and
 * the letters of the Flags column for route -n.
 */
public record Route(String table, String type, String destination, String via, String dev, String proto,
                    String scope, String src, OptionalLong metric, List<String> flags, String extra) {
    public Route {
        flags = List.copyOf(flags);
    }
}
