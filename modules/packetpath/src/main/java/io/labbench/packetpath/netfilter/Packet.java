package io.labbench.packetpath.netfilter;

/**
 * The header fields netfilter looks at while one packet crosses one machine. {@code in}/{@code out} are
 * the interfaces ({@code ""} where the hook has none: no {@code in} on OUTPUT, no {@code out} on
 * PREROUTING); {@code mark} is the packet mark, {@code ctmark} the connection's mark; {@code
 * firstOfConnection} is true for the packet that creates the conntrack entry (the only one the nat table
 * sees); ports are 0 for protocols without them.
 */
public record Packet(String src, String dst, String proto, int sport, int dport, long mark, long ctmark,
                     String in, String out, boolean firstOfConnection) {

    public Packet withSource(String address, int port) {
        return new Packet(address, dst, proto, port, dport, mark, ctmark, in, out, firstOfConnection);
    }

    public Packet withDestination(String address, int port) {
        return new Packet(src, address, proto, sport, port, mark, ctmark, in, out, firstOfConnection);
    }

    public Packet withMark(long value) {
        return new Packet(src, dst, proto, sport, dport, value, ctmark, in, out, firstOfConnection);
    }

    public Packet withConnectionMark(long value) {
        return new Packet(src, dst, proto, sport, dport, mark, value, in, out, firstOfConnection);
    }

    public Packet withInterfaces(String inDev, String outDev) {
        return new Packet(src, dst, proto, sport, dport, mark, ctmark, inDev, outDev, firstOfConnection);
    }

    public Packet reply() {
        return new Packet(dst, src, proto, dport, sport, 0, ctmark, "", "", false);
    }

    /** {@code 10.0.0.1 → 10.0.0.2:80/tcp} */
    public String addresses() {
        return endpoint(src, sport) + " → " + endpoint(dst, dport);
    }

    private static String endpoint(String a, int port) {
        return port > 0 ? a + ":" + port : a;
    }
}
