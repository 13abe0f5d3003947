package io.labbench.packetpath.netfilter;

import java.util.Optional;

/** An IPv4 prefix ({@code 10.0.0.0/8}, or a host address as a /32) that can say whether it holds an address. */
public record Ipv4Cidr(int network, int prefixLength) {

    public static final Ipv4Cidr ANY = new Ipv4Cidr(0, 0);

    public static Optional<Ipv4Cidr> parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        Optional<Integer> a = address(addr);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        int len = 32;
        if (slash >= 0) {
            String l = t.substring(slash + 1);
            if (l.contains(".")) {
                // iptables -S prints masks as lengths, but a hand-written listing may carry a dotted mask
                Optional<Integer> mask = address(l);
                if (mask.isEmpty()) {
                    return Optional.empty();
                }
                len = Integer.bitCount(mask.get());
            } else {
                try {
                    len = Integer.parseInt(l);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
                if (len < 0 || len > 32) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Ipv4Cidr(a.get() & mask(len), len));
    }

    public static Optional<Integer> address(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        int v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) {
                return Optional.empty();
            }
            int n;
            try {
                n = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (n < 0 || n > 255) {
                return Optional.empty();
            }
            v = (v << 8) | n;
        }
        return Optional.of(v);
    }

    private static int mask(int len) {
        return len == 0 ? 0 : -1 << (32 - len);
    }

    public boolean contains(String address) {
        return address(address).map(a -> (a & mask(prefixLength)) == network).orElse(false);
    }

    @Override
    public String toString() {
        return ((network >>> 24) & 255) + "." + ((network >>> 16) & 255) + "." + ((network >>> 8) & 255) + "."
                + (network & 255) + "/" + prefixLength;
    }
}
