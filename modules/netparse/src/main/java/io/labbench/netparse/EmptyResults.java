package io.labbench.netparse;

import io.labbench.netparse.model.WatchHeader;
import java.util.List;

/** A result of a given kind with nothing in it but diagnostics: what a caller gets when nothing could be read. */
public final class EmptyResults {
    private EmptyResults() {
    }

    public static ParseResult of(ParserKind kind, List<Diagnostic> diagnostics) {
        return switch (kind) {
            case IP_LINK -> new IpLinkResult(List.of(), diagnostics);
            case IP_ADDR -> new IpAddrResult(List.of(), diagnostics);
            case IP_ROUTE, ROUTE_N -> new RouteResult(kind, List.of(), diagnostics);
            case IP_RULE -> new IpRuleResult(List.of(), diagnostics);
            case IPTABLES_LIST -> new IptablesListResult(List.of(), diagnostics);
            case IPTABLES_RULES -> new IptablesRulesResult(List.of(), diagnostics);
            case CONNTRACK -> new ConntrackResult(List.of(), diagnostics);
            case KUBECTL_TABLE -> new KubectlTableResult(List.of(), List.of(), diagnostics);
            case WATCH_SCREEN, AUTO -> new WatchScreenResult(WatchHeader.NONE, List.of(), diagnostics);
        };
    }
}
