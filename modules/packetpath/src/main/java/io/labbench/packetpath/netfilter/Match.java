package io.labbench.packetpath.netfilter;

import java.util.List;

/** One condition of a rule. {@link #test} says whether the packet meets it, or that it cannot tell. */
public sealed interface Match {

    /** What a match said about one packet. */
    enum Outcome { YES, NO, RANDOM, UNKNOWN }

    Outcome test(Packet p, MatchContext c);

    /** The condition as the listing printed it, for notes. */
    String text();

    private static Outcome of(boolean value, boolean negated) {
        return value != negated ? Outcome.YES : Outcome.NO;
    }

    /** {@code [!] -s} / {@code [!] -d}. */
    record Address(boolean destination, Ipv4Cidr cidr, boolean negated, String text) implements Match {
        @Override
        public Outcome test(Packet p, MatchContext c) {
            return of(cidr.contains(destination ? p.dst() : p.src()), negated);
        }
    }

    /** {@code [!] -i} / {@code [!] -o}; a trailing {@code +} matches every name with that prefix. */
    record Interface(boolean out, String pattern, boolean negated, String text) implements Match {
        @Override
        public Outcome test(Packet p, MatchContext c) {
            String dev = out ? p.out() : p.in();
            boolean hit = pattern.endsWith("+") ? dev.startsWith(pattern.substring(0, pattern.length() - 1))
                    : dev.equals(pattern);
            return of(hit, negated);
        }
    }

    /** {@code [!] -p}. */
    record Protocol(String proto, boolean negated, String text) implements Match {
        @Override
        public Outcome test(Packet p, MatchContext c) {
            return of("all".equals(proto) || proto.equalsIgnoreCase(p.proto()), negated);
        }
    }

    /** {@code --dport}/{@code --sport} (or {@code dpt:}/{@code spt:}), a port or a {@code low:high} range. */
    record Port(boolean destination, int low, int high, boolean negated, String text) implements Match {
        @Override
        public Outcome test(Packet p, MatchContext c) {
            int port = destination ? p.dport() : p.sport();
            return of(port >= low && port <= high, negated);
        }
    }

    /** {@code -m addrtype [!] --dst-type|--src-type TYPE}; only LOCAL and UNICAST can be told from the addresses read. */
    record AddrType(boolean destination, String type, boolean negated, String text) implements Match {
        @Override
        public Outcome test(Packet p, MatchContext c) {
            boolean local = c.localAddresses().contains(destination ? p.dst() : p.src());
            return switch (type) {
                case "LOCAL" -> of(local, negated);
                case "UNICAST" -> of(!local, negated);
                default -> Outcome.UNKNOWN;
            };
        }
    }

    /** {@code -m mark [!] --mark V[/M]} (listed as {@code mark match [!] V/M}). */
    record Mark(long value, long mask, boolean negated, String text) implements Match {
        @Override
        public Outcome test(Packet p, MatchContext c) {
            return of((p.mark() & mask) == value, negated);
        }
    }

    /** {@code -m connmark [!] --mark V[/M]}. */
    record ConnectionMark(long value, long mask, boolean negated, String text) implements Match {
        @Override
        public Outcome test(Packet p, MatchContext c) {
            return of((p.ctmark() & mask) == value, negated);
        }
    }

    /** {@code -m conntrack --ctstate …} or {@code -m state --state …}: NEW for the first packet, ESTABLISHED after. */
    record ConnectionState(List<String> states, boolean negated, String text) implements Match {
        @Override
        public Outcome test(Packet p, MatchContext c) {
            String state = p.firstOfConnection() ? "NEW" : "ESTABLISHED";
            return of(states.contains(state), negated);
        }
    }

    /**
     * {@code -m statistic --mode random --probability P}: kube-proxy's pick among endpoints; the walk follows
     * conntrack's choice. {@code probability} is the chance this rule matches among the packets that reach
     * it (kube-proxy writes 1/n, 1/(n-1), … so each endpoint gets 1/n overall); 1 when none was printed.
     */
    record Random(double probability, String text) implements Match {
        @Override
        public Outcome test(Packet p, MatchContext c) {
            return Outcome.RANDOM;
        }
    }

    /** A condition this evaluator does not read ({@code -m set}, {@code -m physdev}…). */
    record Unknown(String text) implements Match {
        @Override
        public Outcome test(Packet p, MatchContext c) {
            return Outcome.UNKNOWN;
        }
    }
}
