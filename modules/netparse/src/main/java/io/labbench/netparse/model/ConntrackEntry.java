package io.labbench.netparse.model;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One line of {@code conntrack -L}. {@code state} is empty for protocols without one (udp, icmp);
 * {@code flags} holds {@code UNREPLIED}, {@code ASSURED}, {@code OFFLOAD}… without brackets;
 * {@code timeout} is the seconds left, which tick down on every listing.
 */
public record ConntrackEntry(String l3proto, String proto, OptionalInt protoNumber, OptionalLong timeout,
                             String state, ConntrackTuple original, ConntrackTuple reply, List<String> flags,
                             String mark, OptionalInt zone, OptionalLong use, String extra) {
    public ConntrackEntry {
        flags = List.copyOf(flags);
    }
}
