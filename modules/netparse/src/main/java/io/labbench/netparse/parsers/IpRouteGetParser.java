package io.labbench.netparse.parsers;

import io.labbench.netparse.Diagnostic;
import io.labbench.netparse.model.RouteLookup;
import io.labbench.netparse.text.InputLines;
import io.labbench.netparse.text.Line;
import io.labbench.netparse.text.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the answer of {@code ip route get}: one route line ({@code 10.9.1.1 from 10.1.0.5 via 10.1.0.2 dev
 * va table 2}) and its {@code cache …} line ({@code cache <local> iif vb}), or the kernel's refusal
 * ({@code RTNETLINK answers: Network is unreachable}). Not a {@link io.labbench.netparse.ParserKind}: the
 * answer is about one packet, not a table a watch shows.
 */
public final class IpRouteGetParser {
    private static final String REFUSAL = "RTNETLINK answers:";
    private static final Set<String> TYPES = Set.of("unicast", "local", "broadcast", "multicast", "throw",
            "unreachable", "prohibit", "blackhole", "nat", "anycast");

    private IpRouteGetParser() {
    }

    /** The answer, or a diagnostic naming the line and what was expected. */
    public static Result parse(String text) {
        List<Line> lines = InputLines.of(text == null ? "" : text);
        Tokens t = new Tokens();
        RouteLookup route = null;
        for (Line line : lines) {
            String s = line.text().strip();
            if (s.isEmpty()) {
                continue;
            }
            if (s.startsWith(REFUSAL)) {
                String why = s.substring(REFUSAL.length()).strip();
                return new Result(Optional.of(new RouteLookup("", "", "", "", "", "", "", "", "", List.of(), Optional.of(why))),
                        List.of());
            }
            t.of(s);
            if (t.is(0, "cache")) {
                if (route == null) {
                    return failed(line.number(), s, "the route line before 'cache'");
                }
                route = withCache(route, t);
                continue;
            }
            if (route != null) {
                return failed(line.number(), s, "one route and its 'cache' line; this is a second route");
            }
            route = readRoute(t);
            if (route == null) {
                return failed(line.number(), s, "a route like '10.0.0.2 from 10.0.0.1 via 10.0.0.254 dev eth0'");
            }
        }
        if (route == null) {
            return failed(1, "", "the answer of 'ip route get', e.g. '10.0.0.2 dev eth0 src 10.0.0.1'");
        }
        return new Result(Optional.of(route), List.of());
    }

    private static Result failed(int line, String text, String expected) {
        return new Result(Optional.empty(), List.of(new Diagnostic(line,
                "expected " + expected + ", found '" + text + "'")));
    }

    private static RouteLookup readRoute(Tokens t) {
        int i = 0;
        String type = "unicast";
        if (TYPES.contains(t.get(0))) {
            type = t.get(0);
            i++;
        }
        String destination = t.get(i++);
        if (!Addresses.isDestination(destination)) {
            return null;
        }
        String from = "";
        String via = "";
        String dev = "";
        String table = "main";
        String src = "";
        String mark = "";
        while (i < t.size()) {
            String w = t.get(i);
            String v = i + 1 < t.size() ? t.get(i + 1) : "";
            switch (w) {
                case "from" -> from = v;
                case "via" -> via = v;
                case "dev" -> dev = v;
                case "table" -> table = v;
                case "src" -> src = v;
                case "mark" -> mark = v;
                default -> {
                    // uid, tos, mtu, expires, error… carry nothing the path needs; flags have no value
                    if (!Set.of("uid", "tos", "mtu", "expires", "error", "realms", "hoplimit", "advmss",
                            "ipid", "dsfield", "rtt", "rttvar", "cwnd", "iif", "oif").contains(w)) {
                        i++;
                        continue;
                    }
                }
            }
            i += 2;
        }
        return new RouteLookup(type, destination, from, via, dev, table, src, mark, "", List.of(), Optional.empty());
    }

    private static RouteLookup withCache(RouteLookup r, Tokens t) {
        String iif = r.iif();
        List<String> flags = new ArrayList<>(r.cacheFlags());
        for (int i = 1; i < t.size(); i++) {
            String w = t.get(i);
            if (w.startsWith("<") && w.endsWith(">")) {
                for (String f : w.substring(1, w.length() - 1).split(",")) {
                    if (!f.isEmpty()) {
                        flags.add(f);
                    }
                }
            } else if ("iif".equals(w) && i + 1 < t.size()) {
                iif = t.get(++i);
            }
        }
        return new RouteLookup(r.type(), r.destination(), r.from(), r.via(), r.dev(), r.table(), r.src(), r.mark(),
                iif, flags, r.error());
    }

    /** The answer if the text was one, and what was wrong with it otherwise. */
    public record Result(Optional<RouteLookup> lookup, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }
}
