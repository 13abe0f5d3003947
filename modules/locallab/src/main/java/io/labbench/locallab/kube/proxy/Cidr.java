package io.labbench.locallab.kube.proxy;

/** IPv4 CIDR membership, for a load balancer's source ranges. */
final class Cidr {

    private Cidr() {
    }

    static boolean contains(String cidr, String ip) {
        String[] parts = cidr.split("/");
        if (parts.length != 2 || ip.isEmpty()) {
            return false;
        }
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
        return (toLong(parts[0]) & mask) == (toLong(ip) & mask);
    }

    private static long toLong(String dotted) {
        long value = 0;
        for (String octet : dotted.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }
}
