package io.labbench.netparse.parsers;

/** Cheap shape checks for addresses as the tools print them; no DNS, no parsing into InetAddress. */
final class Addresses {
    private Addresses() {
    }

    /** An IPv4/IPv6 address with an optional {@code /len}, or the word {@code default}. */
    static boolean isDestination(String s) {
        return "default".equals(s) || isAddress(s);
    }

    static boolean isAddress(String s) {
        int n = s.length();
        if (n == 0 || n > 64) {
            return false;
        }
        boolean dotOrColon = false;
        int slash = -1;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '/') {
                if (slash >= 0 || i == 0 || i == n - 1) {
                    return false;
                }
                slash = i;
            } else if (slash >= 0) {
                if (c < '0' || c > '9') {
                    return false;
                }
            } else if (c == '.' || c == ':') {
                dotOrColon = true;
            } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return dotOrColon;
    }

    static boolean isIpv4(String s) {
        int dots = 0;
        int n = s.length();
        if (n < 7 || n > 15) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }

    /** Prefix length of a dotted netmask ({@code 255.255.255.0} → 24), or -1 when not a netmask. */
    static int prefixLength(String mask) {
        if (!isIpv4(mask)) {
            return -1;
        }
        String[] parts = mask.split("\\.");
        if (parts.length != 4) {
            return -1;
        }
        long bits = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) {
                return -1;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return -1;
            }
            bits = bits << 8 | v;
        }
        int len = Long.bitCount(bits);
        long expected = len == 0 ? 0 : (0xFFFFFFFFL << (32 - len)) & 0xFFFFFFFFL;
        return bits == expected ? len : -1;
    }
}
