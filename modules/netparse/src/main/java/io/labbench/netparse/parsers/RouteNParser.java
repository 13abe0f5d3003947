package io.labbench.netparse.parsers;

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

/**
 * Reads net-tools {@code route -n} / {@code route -vn} / {@code route -ne}: columns are found by the
 * header's names; lines without a header (as {@code route -n | grep eni} leaves them) use the default
 * layout. Destinations are written as {@code ip route} would: {@code default}, CIDR, or a bare host
 * address for a /32, so that both commands give rows the same keys.
 */
public final class RouteNParser {
    private static final List<String> DEFAULT_HEADER =
            List.of("Destination", "Gateway", "Genmask", "Flags", "Metric", "Ref", "Use", "Iface");
    private static final String EXPECTED =
            "a route -n line like '0.0.0.0  172.30.32.1  0.0.0.0  UG  100  0  0 ens5'";

    private RouteNParser() {
    }

    public static RouteResult parse(String text) {
        return parse(InputLines.of(text));
    }

    public static RouteResult parse(List<Line> lines) {
        Diagnostics diagnostics = new Diagnostics();
        List<Route> routes = new ArrayList<>();
        List<String> header = DEFAULT_HEADER;
        Tokens t = new Tokens();
        for (Line line : lines) {
            String text = line.text();
            if (text.isBlank() || text.startsWith("Kernel IP routing table")) {
                continue;
            }
            t.of(text);
            if (t.is(0, "Destination")) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < t.size(); i++) {
                    names.add(t.get(i));
                }
                header = names;
                continue;
            }
            Route r = readLine(t, header);
            if (r == null) {
                diagnostics.unexpected(line.number(), text, EXPECTED);
            } else {
                routes.add(r);
            }
        }
        return new RouteResult(ParserKind.ROUTE_N, routes, diagnostics.list());
    }

    private static Route readLine(Tokens t, List<String> header) {
        if (t.size() != header.size()) {
            return null;
        }
        String destination = "";
        String gateway = "";
        String mask = "";
        String flags = "";
        String iface = "";
        OptionalLong metric = OptionalLong.empty();
        for (int i = 0; i < header.size(); i++) {
            String v = t.get(i);
            switch (header.get(i)) {
                case "Destination" -> destination = v;
                case "Gateway" -> gateway = v;
                case "Genmask" -> mask = v;
                case "Flags" -> flags = v;
                case "Metric" -> metric = Numbers.parseLong(v);
                case "Iface" -> iface = v;
                default -> { }
            }
        }
        int prefix = Addresses.prefixLength(mask);
        boolean metricExpected = header.contains("Metric");
        if (!Addresses.isIpv4(destination) || prefix < 0 || !isFlags(flags) || metricExpected && metric.isEmpty()) {
            return null;
        }
        String dest = prefix == 0 && "0.0.0.0".equals(destination) ? "default"
                : prefix == 32 ? destination : destination + "/" + prefix;
        String via = "0.0.0.0".equals(gateway) || "*".equals(gateway) ? "" : gateway;
        List<String> flagList = new ArrayList<>(flags.length());
        for (int i = 0; i < flags.length(); i++) {
            flagList.add(String.valueOf(flags.charAt(i)));
        }
        return new Route("main", flags.indexOf('!') >= 0 ? "unreachable" : "unicast", dest, via, iface, "",
                "", "", metric, flagList, "");
    }

    private static boolean isFlags(String flags) {
        if (flags.isEmpty()) {
            return false;
        }
        for (int i = 0; i < flags.length(); i++) {
            if ("UGHRDMACI!".indexOf(flags.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
