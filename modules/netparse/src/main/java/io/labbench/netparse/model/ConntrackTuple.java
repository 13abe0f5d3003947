package io.labbench.netparse.model;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One direction of a conntrack entry: addresses, and ports (tcp/udp/sctp) or type/code/id (icmp).
 * {@code packets}/{@code bytes} appear when conntrack accounting is on.
 */
public record ConntrackTuple(String src, String dst, OptionalInt sport, OptionalInt dport, OptionalInt type,
                             OptionalInt code, OptionalInt id, OptionalLong packets, OptionalLong bytes) {

    /** The tuple as conntrack prints it, used as the entry's identity. */
    public String text() {
        StringBuilder b = new StringBuilder(64).append("src=").append(src).append(" dst=").append(dst);
        sport.ifPresent(v -> b.append(" sport=").append(v));
        dport.ifPresent(v -> b.append(" dport=").append(v));
        type.ifPresent(v -> b.append(" type=").append(v));
        code.ifPresent(v -> b.append(" code=").append(v));
        id.ifPresent(v -> b.append(" id=").append(v));
        return b.toString();
    }
}
