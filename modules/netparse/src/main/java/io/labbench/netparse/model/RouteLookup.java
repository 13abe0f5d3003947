package io.labbench.netparse.model;

import java.util.Optional;

/**
 * The kernel's answer to {@code ip route get DST [from SRC] [iif DEV] [mark M]}: which route it would use
 * for one packet. {@code type} is {@code unicast} unless printed ({@code local}, {@code broadcast},
 * {@code unreachable}…); {@code table} is {@code main} unless printed (the kernel omits main); {@code
 * cacheFlags} holds the second line's {@code <local>}-style flags without brackets. {@code error} holds
 * the kernel's refusal ({@code Network is unreachable}) when there is no route; the other fields are then
 * empty.
 */
public record RouteLookup(String type, String destination, String from, String via, String dev, String table,
                          String src, String mark, String iif, java.util.List<String> cacheFlags,
                          Optional<String> error) {
    public RouteLookup {
        cacheFlags = java.util.List.copyOf(cacheFlags);
    }

    /** True when the kernel delivers the packet to this machine (it goes to INPUT, not FORWARD). */
    public boolean local() {
        return "local".equals(type);
    }

    /** True when the kernel found a route that sends the packet on (not local, not refused). */
    public boolean forwards() {
        return error.isEmpty() && "unicast".equals(type);
    }
}
