package io.labbench.netparse.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import io.labbench.netparse.ParserKind;
import io.labbench.netparse.RouteResult;
import io.labbench.netparse.model.Route;
import io.labbench.netparse.text.InputLines;
import io.labbench.netparse.text.Line;
import io.labbench.netparse.text.Numbers;
import io.labbench.netparse.text.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads {@code ip route} (any table, {@code show table all}, IPv6, old double-spaced iproute2) and
 * {@code ip -j route}. Multipath {@code nexthop} lines are added to the route above them in {@code extra}.
 * Words it does not know are kept in {@code extra} rather than reported, but the word after the
 * destination must be one it knows ({@code via}, {@code dev}, {@code proto}, a flag …): iproute2 always
 * prints one there, and a line such as {@code route -n}'s or a {@code kubectl describe} row starting with
 * {@code default} is not a route.
 */
public final class IpRouteParser {
    private static final String EXPECTED = "a route like 'default via 10.0.0.1 dev ens5' or '10.0.0.0/24 dev ens5 ...'";
    private static final Set<String> TYPES = Set.of("unicast", "local", "broadcast", "multicast", "throw",
            "unreachable", "prohibit", "blackhole", "nat", "anycast");
    private static final Set<String> FLAGS = Set.of("onlink", "linkdown", "dead", "pervasive", "offload",
            "trap", "notify", "rt_offload", "rt_trap", "rt_offload_failed");
    private static final Set<String> ONE_VALUE = Set.of("table", "proto", "scope", "src", "metric", "dev",
            "pref", "expires", "mtu", "advmss", "tos", "dsfield", "realm", "realms", "nhid", "hoplimit",
            "initcwnd", "initrwnd", "error", "weight", "quickack", "rtt", "rttvar", "cwnd", "window", "from",
            "features", "congctl", "fastopen_no_cookie", "ttl-propagate", "encap", "as", "ssthresh", "reordering");

    private IpRouteParser() {
    }

    public static RouteResult parse(String text) {
        if (IpJson.looksLikeJson(text)) {
            return parseJson(text);
        }
        return parse(InputLines.of(text));
    }

    public static RouteResult parse(List<Line> lines) {
        Diagnostics diagnostics = new Diagnostics();
        List<Route> routes = new ArrayList<>(lines.size());
        Tokens t = new Tokens();
        for (Line line : lines) {
            String text = line.text();
            if (text.isEmpty()) {
                continue;
            }
            t.of(text);
            if (t.size() == 0) {
                continue;
            }
            if (t.is(0, "nexthop") && !routes.isEmpty()) {
                Route last = routes.remove(routes.size() - 1);
                String extra = last.extra().isEmpty() ? t.rest(0) : last.extra() + " " + t.rest(0);
                String via = last.via().isEmpty() && t.is(1, "via") ? t.get(2) : last.via();
                routes.add(new Route(last.table(), last.type(), last.destination(), via, last.dev(), last.proto(),
                        last.scope(), last.src(), last.metric(), last.flags(), extra));
                continue;
            }
            Route r = readLine(t);
            if (r == null) {
                diagnostics.unexpected(line.number(), text, EXPECTED);
            } else {
                routes.add(r);
            }
        }
        return new RouteResult(ParserKind.IP_ROUTE, routes, diagnostics.list());
    }

    private static Route readLine(Tokens t) {
        int i = 0;
        String type = "unicast";
        if (TYPES.contains(t.get(0))) {
            type = t.get(0);
            i = 1;
        }
        String destination = t.get(i);
        if (!Addresses.isDestination(destination)) {
            return null;
        }
        i++;
        if (i < t.size() && !isKeyword(t.get(i))) {
            return null;
        }
        String table = "main";
        String via = "";
        String dev = "";
        String proto = "";
        String scope = "";
        String src = "";
        OptionalLong metric = OptionalLong.empty();
        List<String> flags = new ArrayList<>(0);
        StringBuilder extra = new StringBuilder();
        while (i < t.size()) {
            String w = t.get(i);
            if ("via".equals(w)) {
                i++;
                if (t.is(i, "inet") || t.is(i, "inet6")) {
                    i++;
                }
                via = t.get(i++);
            } else if (FLAGS.contains(w)) {
                flags.add(w);
                i++;
            } else if (ONE_VALUE.contains(w) && i + 1 < t.size()) {
                String v = t.get(i + 1);
                switch (w) {
                    case "table" -> table = v;
                    case "dev" -> dev = v;
                    case "proto" -> proto = v;
                    case "scope" -> scope = v;
                    case "src" -> src = v;
                    case "metric" -> metric = Numbers.parseLong(v);
                    default -> appendWords(extra, w, v);
                }
                i += 2;
                if (("mtu".equals(w) || "advmss".equals(w)) && "lock".equals(v) && i < t.size()) {
                    extra.append(' ').append(t.get(i++));
                }
            } else {
                appendWords(extra, w, null);
                i++;
            }
        }
        return new Route(table, type, destination, via, dev, proto, scope, src, metric, flags, extra.toString());
    }

    private static boolean isKeyword(String word) {
        return "via".equals(word) || FLAGS.contains(word) || ONE_VALUE.contains(word);
    }

    private static void appendWords(StringBuilder b, String w, String v) {
        if (b.length() > 0) {
            b.append(' ');
        }
        b.append(w);
        if (v != null) {
            b.append(' ').append(v);
        }
    }

    static RouteResult parseJson(String text) {
        Diagnostics diagnostics = new Diagnostics();
        List<Route> routes = new ArrayList<>();
        for (JsonNode n : IpJson.objects(text, diagnostics, "dst", "ip -j route")) {
            String table = IpJson.text(n, "table");
            String type = IpJson.text(n, "type");
            routes.add(new Route(table.isEmpty() ? "main" : table, type.isEmpty() ? "unicast" : type,
                    IpJson.text(n, "dst"), IpJson.text(n, "gateway"), IpJson.text(n, "dev"),
                    IpJson.text(n, "protocol"), IpJson.text(n, "scope"), IpJson.text(n, "prefsrc"),
                    IpJson.longValue(n, "metric"), IpJson.strings(n, "flags"), ""));
        }
        return new RouteResult(ParserKind.IP_ROUTE, routes, diagnostics.list());
    }
}
