package io.labbench.netparse.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import io.labbench.netparse.IpAddrResult;
import io.labbench.netparse.model.Address;
import io.labbench.netparse.model.AddressedInterface;
import io.labbench.netparse.text.InputLines;
import io.labbench.netparse.text.Line;
import io.labbench.netparse.text.Numbers;
import io.labbench.netparse.text.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads {@code ip addr} (also {@code -c}), {@code ip -o addr} (a line per address, {@code 2: ens5    inet …}),
 * {@code ip -br addr} ({@code name  STATE  cidr cidr…}) and {@code ip -j addr}.
 */
public final class IpAddrParser {
    private static final String EXPECTED =
            "an interface line like '2: ens5: <UP> mtu 9001 ...' or an address line like '    inet 10.0.0.1/24 ...'";

    private IpAddrParser() {
    }

    public static IpAddrResult parse(String text) {
        if (IpJson.looksLikeJson(text)) {
            return parseJson(text);
        }
        return parse(InputLines.of(text));
    }

    public static IpAddrResult parse(List<Line> lines) {
        Diagnostics diagnostics = new Diagnostics();
        List<Builder> interfaces = new ArrayList<>();
        Builder current = null;
        Tokens t = new Tokens();
        for (Line line : lines) {
            for (String part : OneLineForm.parts(line.text())) {
                if (part.isBlank()) {
                    continue;
                }
                t.of(part);
                Optional<InterfaceHeader> header = InterfaceHeader.read(t);
                if (header.isPresent()) {
                    current = new Builder(header.get().index(), header.get().name(), header.get().peer(),
                            header.get().state(), header.get().flags(), header.get().mtu());
                    interfaces.add(current);
                } else if (Character.isWhitespace(part.charAt(0)) && current != null) {
                    if (!current.detail(t, 0)) {
                        diagnostics.unexpected(line.number(), part, EXPECTED);
                    }
                } else if (isOneLineAddress(t)) {
                    // ip -o addr: "2: ens5    inet 10.0.0.1/24 ..."; consecutive lines of one interface merge.
                    String[] np = InterfaceHeader.splitPeer(t.get(1));
                    if (current == null || !current.name.equals(np[0])) {
                        current = new Builder(Numbers.parseInt(t.get(0).substring(0, t.get(0).length() - 1)),
                                np[0], np[1], "", List.of(), OptionalInt.empty());
                        interfaces.add(current);
                    }
                    current.detail(t, 2);
                } else if (!readBrief(t, interfaces)) {
                    diagnostics.unexpected(line.number(), part, EXPECTED);
                }
            }
        }
        return new IpAddrResult(interfaces.stream().map(Builder::build).toList(), diagnostics.list());
    }

    private static boolean isOneLineAddress(Tokens t) {
        return t.size() >= 4 && t.get(0).endsWith(":") && Numbers.isDigits(t.get(0).substring(0, t.get(0).length() - 1))
                && (t.is(2, "inet") || t.is(2, "inet6") || t.get(2).startsWith("link/"));
    }

    /** {@code ip -br addr}: {@code lbtv0@if2   UP   10.99.0.1/24 fe80::…/64}. */
    private static boolean readBrief(Tokens t, List<Builder> interfaces) {
        if (t.size() < 2 || !IpLinkParser.isState(t.get(1))) {
            return false;
        }
        for (int i = 2; i < t.size(); i++) {
            if (!Addresses.isAddress(t.get(i))) {
                return false;
            }
        }
        String[] np = InterfaceHeader.splitPeer(t.get(0));
        Builder b = new Builder(OptionalInt.empty(), np[0], np[1], t.get(1), List.of(), OptionalInt.empty());
        for (int i = 2; i < t.size(); i++) {
            String cidr = t.get(i);
            b.addresses.add(new Address(cidr.indexOf(':') >= 0 ? "inet6" : "inet", cidr, "", "", ""));
        }
        interfaces.add(b);
        return true;
    }

    static IpAddrResult parseJson(String text) {
        Diagnostics diagnostics = new Diagnostics();
        List<AddressedInterface> interfaces = new ArrayList<>();
        for (JsonNode n : IpJson.objects(text, diagnostics, "ifname", "ip -j addr")) {
            List<Address> addresses = new ArrayList<>();
            JsonNode infos = n.get("addr_info");
            if (infos != null && infos.isArray()) {
                for (JsonNode a : infos) {
                    String local = IpJson.text(a, "local");
                    String prefix = IpJson.text(a, "prefixlen");
                    if (local.isEmpty()) {
                        continue;
                    }
                    addresses.add(new Address(IpJson.text(a, "family"), prefix.isEmpty() ? local : local + "/" + prefix,
                            IpJson.text(a, "scope"), IpJson.text(a, "broadcast"), IpJson.text(a, "label")));
                }
            }
            var link = IpLinkParser.linkFromJson(n);
            interfaces.add(new AddressedInterface(link.index(), link.name(), link.peer(), link.state(), link.flags(),
                    link.mtu(), link.mac(), addresses));
        }
        return new IpAddrResult(interfaces, diagnostics.list());
    }

    /** Accumulates an interface and its address lines. */
    private static final class Builder {
        private final OptionalInt index;
        private final String name;
        private final String peer;
        private final String state;
        private final List<String> flags;
        private final OptionalInt mtu;
        private String mac = "";
        private final List<Address> addresses = new ArrayList<>();

        Builder(OptionalInt index, String name, String peer, String state, List<String> flags, OptionalInt mtu) {
            this.index = index;
            this.name = name;
            this.peer = peer;
            this.state = state;
            this.flags = flags;
            this.mtu = mtu;
        }

        /** Reads a detail line from word {@code from}; false when it is not one ip addr prints. */
        boolean detail(Tokens t, int from) {
            String first = t.get(from);
            if (first.startsWith("link/")) {
                mac = InterfaceHeader.linkLine(t, from)[1];
                return true;
            }
            if ("inet".equals(first) || "inet6".equals(first)) {
                String cidr = t.get(from + 1);
                if (!Addresses.isAddress(cidr)) {
                    return false;
                }
                String scope = "";
                String brd = "";
                String label = "";
                for (int i = from + 2; i + 1 < t.size(); i++) {
                    if (t.is(i, "peer")) {
                        cidr = cidr + " peer " + t.get(++i);
                    } else if (t.is(i, "brd")) {
                        brd = t.get(++i);
                    } else if (t.is(i, "scope")) {
                        scope = t.get(++i);
                        // IPv4 lines end with the label (interface name, or alias like ens5:1).
                        int last = t.size() - 1;
                        if ("inet".equals(first) && last > i && !isAddressFlag(t.get(last))) {
                            label = t.get(last);
                        }
                    }
                }
                addresses.add(new Address(first, cidr, scope, brd, label));
                return true;
            }
            // ip -d addr adds the link kind's detail line (veth/bridge … numtxqueues …).
            return first.startsWith("valid_lft") || first.startsWith("altname") || first.startsWith("prop")
                    || first.startsWith("preferred_lft") || t.line().contains("numtxqueues")
                    || t.line().contains("addrgenmode");
        }

        private static boolean isAddressFlag(String w) {
            return switch (w) {
                case "secondary", "dynamic", "noprefixroute", "tentative", "deprecated", "permanent", "temporary",
                        "dadfailed", "mngtmpaddr", "home", "nodad", "optimistic", "stable-privacy" -> true;
                default -> false;
            };
        }

        AddressedInterface build() {
            return new AddressedInterface(index, name, peer, state, flags, mtu, mac, addresses);
        }
    }
}
