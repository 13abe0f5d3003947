package io.labbench.netparse.parsers;

import io.labbench.netparse.ParseHints;
import io.labbench.netparse.ParseResult;
import io.labbench.netparse.ParserKind;
import io.labbench.netparse.WatchScreenResult;
import io.labbench.netparse.model.WatchHeader;
import io.labbench.netparse.text.Line;
import java.util.List;

/** Runs the parser of a kind over already cleaned lines (or the raw text, for the JSON forms). */
public final class ParserDispatch {
    private ParserDispatch() {
    }

    /** {@code rawText} may be null when only lines are at hand (a watch section); JSON is then not read. */
    public static ParseResult parse(ParserKind kind, List<Line> lines, String rawText) {
        return parse(kind, lines, rawText, ParseHints.NONE);
    }

    /** As {@link #parse(ParserKind, List, String)}, with what the command that printed the lines says. */
    public static ParseResult parse(ParserKind kind, List<Line> lines, String rawText, ParseHints hints) {
        boolean json = rawText != null && IpJson.looksLikeJson(rawText);
        return switch (kind) {
            case IP_LINK -> json ? IpLinkParser.parseJson(rawText) : IpLinkParser.parse(lines);
            case IP_ADDR -> json ? IpAddrParser.parseJson(rawText) : IpAddrParser.parse(lines);
            case IP_ROUTE -> json ? IpRouteParser.parseJson(rawText) : IpRouteParser.parse(lines);
            case IP_RULE -> json ? IpRuleParser.parseJson(rawText) : IpRuleParser.parse(lines);
            case ROUTE_N -> RouteNParser.parse(lines);
            case IPTABLES_LIST -> IptablesListParser.parse(lines, "filter", hints);
            case IPTABLES_RULES -> IptablesRulesParser.parse(lines, "filter", hints);
            case CONNTRACK -> ConntrackParser.parse(lines);
            case KUBECTL_TABLE -> KubectlTableParser.parse(lines);
            case WATCH_SCREEN -> WatchScreenParser.parse(lines, hints);
            case AUTO -> undetected(lines);
        };
    }

    private static ParseResult undetected(List<Line> lines) {
        int first = lines.stream().filter(l -> !l.isBlank()).mapToInt(Line::number).findFirst().orElse(1);
        Diagnostics d = new Diagnostics();
        d.add(first, "cannot tell which command printed this: expected output of ip link/addr/route/rule, route -n, "
                + "iptables -L/-S/iptables-save, conntrack -L or kubectl get; name the kind explicitly");
        return new WatchScreenResult(WatchHeader.NONE, List.of(), d.list());
    }
}
