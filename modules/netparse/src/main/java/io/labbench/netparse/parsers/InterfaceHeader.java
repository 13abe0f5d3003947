package io.labbench.netparse.parsers;

import io.labbench.netparse.text.Numbers;
import io.labbench.netparse.text.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The first line iproute2 prints for an interface, shared by {@code ip link} and {@code ip addr}:
 * {@code 3: eth0@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc noqueue master br0 state UP …}.
 */
record InterfaceHeader(OptionalInt index, String name, String peer, List<String> flags, OptionalInt mtu,
                       String state, String master) {

    /** Reads the header from tokens; empty when the line is not one. */
    static java.util.Optional<InterfaceHeader> read(Tokens t) {
        if (t.size() < 2) {
            return java.util.Optional.empty();
        }
        String first = t.get(0);
        if (first.length() < 2 || !first.endsWith(":")) {
            return java.util.Optional.empty();
        }
        OptionalInt index = Numbers.parseInt(first.substring(0, first.length() - 1));
        String nameToken = t.get(1);
        if (index.isEmpty() || nameToken.length() < 2 || !nameToken.endsWith(":")) {
            return java.util.Optional.empty();
        }
        String[] nameAndPeer = splitPeer(nameToken.substring(0, nameToken.length() - 1));
        List<String> flags = List.of();
        int i = 2;
        if (t.size() > 2 && t.get(2).startsWith("<")) {
            flags = flags(t.get(2));
            i = 3;
        }
        OptionalInt mtu = OptionalInt.empty();
        String state = "";
        String master = "";
        for (; i + 1 < t.size(); i++) {
            if (t.is(i, "mtu")) {
                mtu = Numbers.parseInt(t.get(++i));
            } else if (t.is(i, "state")) {
                state = t.get(++i);
            } else if (t.is(i, "master")) {
                master = t.get(++i);
            }
        }
        return java.util.Optional.of(new InterfaceHeader(index, nameAndPeer[0], nameAndPeer[1], flags, mtu, state, master));
    }

    /** {@code eth0@if6} → {@code [eth0, if6]}; {@code lo} → {@code [lo, ""]}. */
    static String[] splitPeer(String name) {
        int at = name.indexOf('@');
        if (at <= 0) {
            return new String[] {name, ""};
        }
        return new String[] {name.substring(0, at), name.substring(at + 1)};
    }

    /** {@code <BROADCAST,MULTICAST,UP>} → the flag names. */
    static List<String> flags(String token) {
        String inner = token.substring(1, token.endsWith(">") ? token.length() - 1 : token.length());
        List<String> flags = new ArrayList<>();
        for (String f : inner.split(",")) {
            if (!f.isEmpty()) {
                flags.add(f);
            }
        }
        return flags;
    }

    /** Words of a {@code link/ether MAC brd … link-netns NAME} line: returns {linkType, mac, netns}. */
    static String[] linkLine(Tokens t, int from) {
        String linkType = t.get(from).substring("link/".length());
        String mac = "";
        String netns = "";
        if (from + 1 < t.size() && !t.is(from + 1, "brd") && !t.get(from + 1).startsWith("link-")) {
            mac = t.get(from + 1);
        }
        for (int i = from + 1; i + 1 < t.size(); i++) {
            if (t.is(i, "link-netns") || t.is(i, "link-netnsid")) {
                netns = t.get(i + 1);
            }
        }
        return new String[] {linkType, mac, netns};
    }
}
