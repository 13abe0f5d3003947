package io.labbench.sessions.workspace;

import java.util.Objects;
import java.util.Optional;

/**
 * A lab machine's addresses as the learner needs them beside its terminal: the VPC (private) address
 * that {@code ip -br addr}, {@code W1PIP} and the study's tables show, and the public IP the Internet
 * Gateway maps it to (what {@code curl ipinfo.io/ip} prints there), when it has one. Kept apart from the
 * SSH endpoint, whose host is whichever of them (or a loopback port) the connection goes to.
 *
 * @param vpc      the private IPv4 address, e.g. {@code 172.30.46.72}
 * @param publicIp the public IPv4 address, if the machine has one
 */
public record NodeAddresses(String vpc, Optional<String> publicIp) {

    public NodeAddresses {
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(publicIp, "publicIp");
        if (vpc.isBlank()) {
            throw new IllegalArgumentException("a node's VPC address is empty");
        }
        publicIp = publicIp.filter(ip -> !ip.isBlank());
    }

    public static NodeAddresses of(String vpc, String publicIp) {
        return new NodeAddresses(vpc, Optional.ofNullable(publicIp));
    }

    /** {@code 172.30.46.72 / 198.51.100.72}, or the VPC address alone: what a pane header shows. */
    public String label() {
        return publicIp.map(ip -> vpc + " / " + ip).orElse(vpc);
    }
}
