package io.labbench.packetpath;

import io.labbench.netparse.model.IpRuleEntry;
import io.labbench.packetpath.netfilter.Ipv4Cidr;
import io.labbench.packetpath.netfilter.Packet;
import java.util.List;
import java.util.Optional;

/**
 * Which {@code ip rule} sent a lookup to the table the kernel's route came from. {@code ip route get}
 * names the table but not the rule, so this takes the first rule, in priority order, whose selectors the
 * packet meets and whose table is that table (rules before it that pointed at other tables found no route
 * there, which is why the kernel went on).
 */
final class PolicyRules {
    private PolicyRules() {
    }

    static Optional<IpRuleEntry> chosen(List<IpRuleEntry> rules, Packet p, String iif, String table) {
        String wanted = tableName(table);
        for (IpRuleEntry r : rules) {
            if (!"lookup".equals(r.action()) || !tableName(r.table()).equals(wanted)) {
                continue;
            }
            if (selects(r, p, iif) != r.not()) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private static boolean selects(IpRuleEntry r, Packet p, String iif) {
        return address(r.from(), p.src()) && address(r.to(), p.dst()) && mark(r.fwmark(), p.mark())
                && (r.iif().isEmpty() || r.iif().equals(iif.isEmpty() ? "lo" : iif));
    }

    private static boolean address(String selector, String address) {
        if (selector.isEmpty() || "all".equals(selector)) {
            return true;
        }
        return Ipv4Cidr.parse(selector).map(c -> c.contains(address)).orElse(false);
    }

    private static boolean mark(String selector, long mark) {
        if (selector.isEmpty()) {
            return true;
        }
        int slash = selector.indexOf('/');
        long value = number(slash < 0 ? selector : selector.substring(0, slash));
        long mask = slash < 0 ? 0xffffffffL : number(selector.substring(slash + 1));
        return (mark & mask) == value;
    }

    private static long number(String s) {
        try {
            return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String tableName(String table) {
        return switch (table) {
            case "254", "" -> "main";
            case "255" -> "local";
            case "253" -> "default";
            default -> table;
        };
    }

    static String describe(IpRuleEntry r) {
        return r.priority().isPresent() ? r.priority().getAsLong() + ":\t" + r.selector() + " lookup " + r.table()
                : r.selector() + " lookup " + r.table();
    }
}
