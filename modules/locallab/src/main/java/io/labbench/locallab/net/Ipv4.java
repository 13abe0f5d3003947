package io.labbench.locallab.net;

/** An IPv4 address as an int, for the arithmetic of subnets and /28 prefixes. */
public record Ipv4(int bits) implements Comparable<Ipv4> {

    public static Ipv4 parse(String dotted) {
        String[] parts = dotted.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        int bits = 0;
        for (String part : parts) {
            int octet = Integer.parseInt(part);
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            bits = (bits << 8) | octet;
        }
        return new Ipv4(bits);
    }

    public Ipv4 plus(int offset) {
        return new Ipv4(bits + offset);
    }

    /** Ubuntu on EC2 names the host after its primary IP: {@code ip-172-30-46-72}. */
    public String ec2Hostname() {
        return "ip-" + toString().replace('.', '-');
    }

    @Override
    public int compareTo(Ipv4 other) {
        return Integer.compareUnsigned(bits, other.bits);
    }

    @Override
    public String toString() {
        return ((bits >>> 24) & 255) + "." + ((bits >>> 16) & 255) + "." + ((bits >>> 8) & 255) + "." + (bits & 255);
    }
}
