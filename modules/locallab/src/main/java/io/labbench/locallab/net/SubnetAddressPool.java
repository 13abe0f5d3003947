package io.labbench.locallab.net;

import java.util.BitSet;
import java.util.Random;

/**
 * Free addresses of one subnet, handed out at random as EC2 does (so IPs look like the study's
 * 172.30.37.39 rather than .4, .5, .6). AWS reserves the first four and the last address.
 */
final class SubnetAddressPool {

    private final Subnet subnet;
    private final BitSet used;
    private final Random random;

    SubnetAddressPool(Subnet subnet, long seed) {
        this.subnet = subnet;
        this.used = new BitSet(subnet.size());
        this.random = new Random(seed);
        used.set(0, 4);
        used.set(subnet.size() - 1);
    }

    Subnet subnet() {
        return subnet;
    }

    synchronized void reserve(Ipv4 address) {
        used.set(offset(address));
    }

    synchronized Ipv4 takeAddress() {
        int free = subnet.size() - used.cardinality();
        if (free == 0) {
            throw new IllegalStateException("subnet " + subnet.cidr() + " has no free address left");
        }
        while (true) {
            int candidate = random.nextInt(subnet.size());
            if (!used.get(candidate)) {
                used.set(candidate);
                return subnet.network().plus(candidate);
            }
        }
    }

    /** A free, aligned /28 (16 addresses), as EC2 assigns for prefix delegation. */
    synchronized Ipv4 takePrefix28() {
        int blocks = subnet.size() / 16;
        for (int attempt = 0; attempt < blocks * 4; attempt++) {
            int block = random.nextInt(blocks);
            int start = block * 16;
            if (used.get(start, start + 16).isEmpty()) {
                used.set(start, start + 16);
                return subnet.network().plus(start);
            }
        }
        throw new IllegalStateException("subnet " + subnet.cidr() + " has no free /28 prefix left");
    }

    synchronized void release(Ipv4 address) {
        used.clear(offset(address));
    }

    private int offset(Ipv4 address) {
        if (!subnet.contains(address)) {
            throw new IllegalArgumentException(address + " is not in " + subnet.cidr());
        }
        return address.bits() - subnet.network().bits();
    }
}
