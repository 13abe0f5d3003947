package io.labbench.netparse.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import io.labbench.netparse.IpLinkResult;
import io.labbench.netparse.model.Link;
import io.labbench.netparse.text.InputLines;
import io.labbench.netparse.text.Line;
import io.labbench.netparse.text.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads {@code ip link}, {@code ip -o link} (one line per interface, parts joined by a backslash),
 * {@code ip -d link} (extra detail lines; the first word of the line after {@code link/…} is the link kind),
 * {@code ip -br link} and {@code ip -j link}. Header lines alone (as {@code ip link | egrep 'ens5|eni'}
 * leaves them) are enough.
 */
public final class IpLinkParser {
    private static final String EXPECTED = "an interface line like '2: ens5: <BROADCAST,UP> mtu 9001 ...'";

    private IpLinkParser() {
    }

    public static IpLinkResult parse(String text) {
        if (IpJson.looksLikeJson(text)) {
            return parseJson(text);
        }
        return parse(InputLines.of(text));
    }

    public static IpLinkResult parse(List<Line> lines) {
        Diagnostics diagnostics = new Diagnostics();
        List<Link> links = new ArrayList<>();
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
                    if (current != null) {
                        links.add(current.build());
                    }
                    current = new Builder(header.get());
                } else if (Character.isWhitespace(part.charAt(0)) && current != null) {
                    current.detail(t);
                } else if (!readBrief(t, links)) {
                    diagnostics.unexpected(line.number(), part, EXPECTED);
                }
            }
        }
        if (current != null) {
            links.add(current.build());
        }
        return new IpLinkResult(links, diagnostics.list());
    }

    /** {@code ip -br link}: {@code eni1a2b@if3   UP   02:ab:…   <BROADCAST,MULTICAST,UP,LOWER_UP>}. */
    private static boolean readBrief(Tokens t, List<Link> links) {
        if (t.size() < 2 || t.size() > 4 || !isState(t.get(1))) {
            return false;
        }
        String[] nameAndPeer = InterfaceHeader.splitPeer(t.get(0));
        String mac = "";
        List<String> flags = List.of();
        for (int i = 2; i < t.size(); i++) {
            String w = t.get(i);
            if (w.startsWith("<")) {
                flags = InterfaceHeader.flags(w);
            } else {
                mac = w;
            }
        }
        links.add(new Link(OptionalInt.empty(), nameAndPeer[0], nameAndPeer[1], flags, OptionalInt.empty(),
                t.get(1), mac, "", "", "", ""));
        return true;
    }

    static boolean isState(String s) {
        return switch (s) {
            case "UP", "DOWN", "UNKNOWN", "LOWERLAYERDOWN", "DORMANT", "NOTPRESENT", "TESTING" -> true;
            default -> false;
        };
    }

    static IpLinkResult parseJson(String text) {
        Diagnostics diagnostics = new Diagnostics();
        List<Link> links = new ArrayList<>();
        for (JsonNode n : IpJson.objects(text, diagnostics, "ifname", "ip -j link")) {
            links.add(linkFromJson(n));
        }
        return new IpLinkResult(links, diagnostics.list());
    }

    static Link linkFromJson(JsonNode n) {
        String peer = IpJson.text(n, "link");
        if (peer.isEmpty() && n.has("link_index")) {
            // The text form prints "@ifN" for a peer in another namespace, where JSON has only link_index.
            peer = "if" + IpJson.text(n, "link_index");
        }
        String netns = IpJson.text(n, "link_netns");
        if (netns.isEmpty()) {
            netns = IpJson.text(n, "link_netnsid");
        }
        JsonNode info = n.get("linkinfo");
        String kind = info == null ? "" : IpJson.text(info, "info_kind");
        return new Link(IpJson.integer(n, "ifindex"), IpJson.text(n, "ifname"), peer, IpJson.strings(n, "flags"),
                IpJson.integer(n, "mtu"), IpJson.text(n, "operstate"), IpJson.text(n, "address"),
                IpJson.text(n, "link_type"), netns, IpJson.text(n, "master"), kind);
    }

    /** Accumulates an interface across its header and detail lines. */
    private static final class Builder {
        private final InterfaceHeader header;
        private String linkType = "";
        private String mac = "";
        private String netns = "";
        private String kind = "";
        private boolean afterLinkLine;

        Builder(InterfaceHeader header) {
            this.header = header;
        }

        void detail(Tokens t) {
            if (t.size() == 0) {
                return;
            }
            String first = t.get(0);
            if (first.startsWith("link/")) {
                String[] l = InterfaceHeader.linkLine(t, 0);
                linkType = l[0];
                mac = l[1];
                netns = l[2];
                afterLinkLine = true;
            } else if (afterLinkLine && kind.isEmpty() && !"altname".equals(first)
                    && !"addrgenmode".equals(first) && !first.contains("_")) {
                // ip -d: the first detail line after link/… starts with the link kind (veth, bridge, vlan…).
                kind = first;
            }
        }

        Link build() {
            return new Link(header.index(), header.name(), header.peer(), header.flags(), header.mtu(),
                    header.state(), mac, linkType, netns, header.master(), kind);
        }
    }
}
