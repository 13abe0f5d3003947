package io.labbench.netparse;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of output LabBench reads; {@link #cliName()} is the name used by {@code labbench parse}. */
public enum ParserKind {
    IP_LINK("ip-link"),
    IP_ADDR("ip-addr"),
    IP_ROUTE("ip-route"),
    IP_RULE("ip-rule"),
    ROUTE_N("route-n"),
    IPTABLES_LIST("iptables-list"),
    IPTABLES_RULES("iptables-rules"),
    CONNTRACK("conntrack"),
    KUBECTL_TABLE("kubectl-table"),
    WATCH_SCREEN("watch-screen"),
    AUTO("auto");

    private final String cliName;

    ParserKind(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static Optional<ParserKind> fromCliName(String name) {
        return Arrays.stream(values()).filter(k -> k.cliName.equals(name)).findFirst();
    }
}
