package io.labbench.watch;

import io.labbench.netparse.ParserKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ready-made watches of the PKOS week-2 study, one click each on any node. Ids are stable: lab
 * files and the saved dock layout refer to them.
 */
public final class StudyWatches {

    /** A ready-made watch before it is placed on a node. */
    public record Template(String id, String title, String command, Optional<ParserKind> parser,
                           boolean privileged, Optional<ZeroCountersTarget> zeroCounters,
                           String defaultFilter) {

        public WatchDefinition on(String endpoint) {
            return new WatchDefinition(id, title + " · " + endpoint, endpoint, command, parser,
                    WatchDefinition.DEFAULT_INTERVAL, privileged, zeroCounters, defaultFilter);
        }
    }

    private static final List<Template> TEMPLATES = List.of(
            plain("links", "Links (ens/eni)", "ip -o link show", ParserKind.IP_LINK, "ens|eni"),
            plain("addresses", "Addresses", "ip addr show", ParserKind.IP_ADDR, ""),
            plain("routes", "Routes (main)", "ip route show", ParserKind.IP_ROUTE, ""),
            plain("routes-eni", "Routes (all tables)", "ip route show table all type unicast",
                    ParserKind.IP_ROUTE, ""),
            plain("rules", "ip rule", "ip rule show", ParserKind.IP_RULE, ""),
            iptables("iptables-nat", "iptables nat", "nat", Optional.empty()),
            iptables("iptables-snat-0", "AWS-SNAT-CHAIN-0", "nat", Optional.of("AWS-SNAT-CHAIN-0")),
            iptables("iptables-snat-1", "AWS-SNAT-CHAIN-1", "nat", Optional.of("AWS-SNAT-CHAIN-1")),
            iptables("iptables-kube-postrouting", "KUBE-POSTROUTING", "nat", Optional.of("KUBE-POSTROUTING")),
            iptables("iptables-kube-services", "KUBE-SERVICES", "nat", Optional.of("KUBE-SERVICES")),
            iptables("iptables-mangle", "iptables mangle", "mangle", Optional.empty()),
            new Template("conntrack", "conntrack", "conntrack -L -n", Optional.of(ParserKind.CONNTRACK),
                    true, Optional.empty(), ""),
            plain("pods", "Pods", "kubectl get pods -o wide", ParserKind.KUBECTL_TABLE, ""),
            plain("nodes", "Nodes", "kubectl get nodes -o wide", ParserKind.KUBECTL_TABLE, ""),
            plain("services", "Services & endpoints", "kubectl get svc,ep", ParserKind.KUBECTL_TABLE, ""));

    /**
     * Other names lab files use for the same watches (the week-2 lab says {@code watch: iptables-snat},
     * {@code kubectl-pods}); they open the ready-made watch, so the panel and its saved id are the same.
     */
    private static final Map<String, String> ALIASES = Map.of(
            "iptables-snat", "iptables-snat-0",
            "kubectl-pods", "pods",
            "kubectl-nodes", "nodes",
            "kubectl-svc", "services");

    private StudyWatches() {
    }

    public static List<Template> templates() {
        return TEMPLATES;
    }

    /** The ready-made watch called {@code id} or one of its {@linkplain #ALIASES aliases}. */
    public static Optional<Template> template(String id) {
        String canonical = ALIASES.getOrDefault(id, id);
        return TEMPLATES.stream().filter(t -> t.id().equals(canonical)).findFirst();
    }

    /** The ready-made watch {@code id} on {@code endpoint}, or empty when no watch has that id. */
    public static Optional<WatchDefinition> on(String id, String endpoint) {
        return template(id).map(t -> t.on(endpoint));
    }

    private static Template plain(String id, String title, String command, ParserKind parser, String filter) {
        return new Template(id, title, command, Optional.of(parser), false, Optional.empty(), filter);
    }

    /** Exact counters ({@code -x}): suffixed values such as {@code 12K} would make deltas guesses. */
    private static Template iptables(String id, String title, String table, Optional<String> chain) {
        String command = "iptables -t " + table + " -L " + chain.map(c -> c + " ").orElse("") + "-n -v -x";
        return new Template(id, title, command, Optional.of(ParserKind.IPTABLES_LIST), true,
                Optional.of(new ZeroCountersTarget(table, chain)), "");
    }
}
