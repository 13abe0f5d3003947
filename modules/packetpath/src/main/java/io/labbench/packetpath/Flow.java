package io.labbench.packetpath;

/**
 * A flow to trace: from, to, protocol ({@code icmp}, {@code tcp}, {@code udp}) and destination port (0 for
 * icmp; a Service's port when {@code to} is one).
 */
public record Flow(Place from, Place to, String protocol, int port) {

    public String label() {
        return from.label() + " → " + to.label() + " (" + protocol + (port > 0 ? "/" + port : "") + ")";
    }
}
