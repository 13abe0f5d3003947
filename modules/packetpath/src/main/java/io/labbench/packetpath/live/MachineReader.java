package io.labbench.packetpath.live;

import io.labbench.netparse.model.AddressedInterface;
import io.labbench.netparse.model.ConntrackEntry;
import io.labbench.netparse.model.IpRuleEntry;
import io.labbench.netparse.model.Route;
import io.labbench.netparse.parsers.ConntrackParser;
import io.labbench.netparse.parsers.IpAddrParser;
import io.labbench.netparse.parsers.IpRouteParser;
import io.labbench.netparse.parsers.IpRuleParser;
import io.labbench.netparse.parsers.IptablesRulesParser;
import io.labbench.packetpath.kernel.MachineState;
import io.labbench.packetpath.netfilter.RuleReader;
import io.labbench.packetpath.netfilter.Ruleset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a node's state in one command (one process on the local lab, one round trip over SSH): {@code
 * iptables-save -c}, {@code ip rule}, {@code ip route show table local}, {@code conntrack -L}, {@code ip neigh
 * show proxy} and {@code ip addr}, separated by marker lines, each parsed by netparse.
 */
public final class MachineReader {
    static final String MARK = "----labbench-section----";
    public static final List<String> COMMANDS = List.of("iptables-save -c", "ip rule", "ip route show table local",
            "conntrack -L", "ip neigh show proxy", "ip addr");

    private MachineReader() {
    }

    /** The one command that prints all sections. */
    public static String command() {
        StringBuilder b = new StringBuilder();
        for (String c : COMMANDS) {
            if (b.length() > 0) {
                b.append("; echo ").append(MARK).append("; ");
            }
            b.append(c).append(" 2>&1");
        }
        return b.toString();
    }

    public static MachineState read(String machine, MachineShell shell) throws IOException {
        MachineShell.Output out = shell.run(machine, command());
        return parse(machine, out.stdout());
    }

    static MachineState parse(String machine, String text) {
        String[] parts = text.split("(?m)^" + MARK + "\\R?", -1);
        List<String> problems = new ArrayList<>();
        String save = part(parts, 0);
        Ruleset rules;
        if (save.contains("*") && save.contains("COMMIT")) {
            rules = RuleReader.fromSave(IptablesRulesParser.parse(save), save, "iptables-save -c on " + machine);
        } else {
            problems.add("iptables-save -c printed no tables (" + firstLine(save) + "): its iptables are unknown");
            rules = Ruleset.empty("iptables-save -c on " + machine);
        }
        List<IpRuleEntry> ipRules = IpRuleParser.parse(part(parts, 1)).rules();
        Set<String> local = new HashSet<>();
        for (Route r : IpRouteParser.parse(part(parts, 2)).routes()) {
            if ("local".equals(r.type())) {
                local.add(r.destination());
            }
        }
        String ct = part(parts, 3);
        List<ConntrackEntry> conntrack = List.of();
        if (ct.contains("command not found") || ct.contains("Operation not permitted")) {
            problems.add("conntrack could not be read (" + firstLine(ct) + "): NAT is shown from the rules only");
        } else {
            // the summary line ("conntrack v1.4.7 (conntrack-tools): 3 flow entries have been shown.") is not an entry
            String entries = String.join("\n", ct.lines().filter(l -> !l.startsWith("conntrack v")).toList());
            conntrack = ConntrackParser.parse(entries).entries();
        }
        Map<String, String> proxies = new HashMap<>();
        for (String line : part(parts, 4).lines().toList()) {
            String[] w = line.trim().split("\\s+");
            if (w.length >= 3 && "dev".equals(w[1]) && line.contains("proxy")) {
                proxies.put(w[0], w[2]);
            }
        }
        List<AddressedInterface> interfaces = IpAddrParser.parse(part(parts, 5)).interfaces();
        if (interfaces.isEmpty()) {
            problems.add("ip addr printed no interfaces (" + firstLine(part(parts, 5)) + ")");
        }
        return new MachineState(machine, rules, ipRules, local, conntrack, proxies, problems, interfaces);
    }

    private static String part(String[] parts, int i) {
        return i < parts.length ? parts[i] : "";
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return t.isEmpty() ? "nothing" : nl < 0 ? t : t.substring(0, nl);
    }
}
