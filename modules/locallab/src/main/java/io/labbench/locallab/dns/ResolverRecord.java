package io.labbench.locallab.dns;

/** One record the VPC resolver answers. Names are without the trailing dot. */
public sealed interface ResolverRecord {

    String name();

    /** An A record; the first A of an address also answers its reverse (PTR) lookup. */
    record A(String name, String address) implements ResolverRecord {
    }

    /** A CNAME; dnsmasq answers it only when it knows the target itself (it forwards nothing). */
    record Cname(String name, String target) implements ResolverRecord {
    }

    /** A TXT record with one string (without the surrounding quotes Route 53 shows). */
    record Txt(String name, String text) implements ResolverRecord {
    }

    /** Same as {@link #normalizedName}. */
    static String normalize(String name) {
        return normalizedName(name);
    }

    /** {@code name} without a trailing dot and in lower case, as the resolver's files hold it. */
    public static String normalizedName(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return n.toLowerCase(java.util.Locale.ROOT);
    }
}
