package io.labbench.netparse.model;

/** One address of an interface: {@code family} is {@code inet} or {@code inet6}, {@code cidr} is local/prefix. */
public record Address(String family, String cidr, String scope, String broadcast, String label) {
    /** The address without its prefix length. */
    public String ip() {
        int slash = cidr.indexOf('/');
        return slash < 0 ? cidr : cidr.substring(0, slash);
    }
}
