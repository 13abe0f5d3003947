package io.labbench.packetpath.netfilter;

/** What a rule does when it matches. */
public sealed interface Target {

    /** The target as printed ({@code DNAT}, {@code KUBE-SVC-…}, {@code ""} for a counting-only rule). */
    String name();

    /** {@code -j CHAIN}: run the user chain, come back on RETURN or at its end. */
    record Jump(String name) implements Target {
    }

    /** {@code -g CHAIN}: run the user chain and do not come back to this one. */
    record Goto(String name) implements Target {
    }

    /** ACCEPT, DROP, REJECT, RETURN: the walk stops here (RETURN: this chain only). */
    record Verdict(String name) implements Target {
        public boolean drops() {
            return "DROP".equals(name) || "REJECT".equals(name);
        }
    }

    /** DNAT/SNAT/MASQUERADE: rewrite and accept. {@code address} empty for MASQUERADE (the out device's address). */
    record Nat(String name, String address, int port) implements Target {
        public boolean destination() {
            return "DNAT".equals(name);
        }
    }

    /** {@code MARK --set-xmark V/M} (or/and/xor print as other V/M; all normalised to set-xmark). */
    record SetMark(long value, long mask) implements Target {
        @Override
        public String name() {
            return "MARK";
        }
    }

    /** {@code CONNMARK --set-xmark V/M}. */
    record SetConnectionMark(long value, long mask) implements Target {
        @Override
        public String name() {
            return "CONNMARK";
        }
    }

    /** {@code CONNMARK --restore-mark --nfmask N --ctmask C}: copy the connection's mark to the packet. */
    record RestoreMark(long nfmask, long ctmask) implements Target {
        @Override
        public String name() {
            return "CONNMARK";
        }
    }

    /** LOG, a counting-only rule or any target that changes nothing this walk follows; the walk goes on. */
    record Continue(String name) implements Target {
    }
}
