package io.labbench.locallab.net;

/**
 * One AZ subnet of the VPC: a bridge in the VPC router namespace whose first address is the gateway.
 */
public record Subnet(String zone, Ipv4 network, int prefixLength, String bridge) {

    public Ipv4 gateway() {
        return network.plus(1);
    }

    public int size() {
        return 1 << (32 - prefixLength);
    }

    public String cidr() {
        return network + "/" + prefixLength;
    }

    public boolean contains(Ipv4 address) {
        int mask = -1 << (32 - prefixLength);
        return (address.bits() & mask) == network.bits();
    }
}
