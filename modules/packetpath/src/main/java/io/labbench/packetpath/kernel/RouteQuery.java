package io.labbench.packetpath.kernel;

/**
 * One {@code ip route get} question: a forwarded packet names {@code from} and {@code iif}, a locally sent
 * one neither; {@code mark} is the packet mark (hex, empty for 0), which {@code ip rule fwmark} selects on.
 */
public record RouteQuery(String destination, String from, String iif, String mark) {

    public static RouteQuery local(String destination) {
        return new RouteQuery(destination, "", "", "");
    }

    public String command() {
        StringBuilder b = new StringBuilder("ip route get ").append(destination);
        if (!from.isEmpty()) {
            b.append(" from ").append(from);
        }
        if (!iif.isEmpty()) {
            b.append(" iif ").append(iif);
        }
        if (!mark.isEmpty()) {
            b.append(" mark ").append(mark);
        }
        return b.toString();
    }
}
