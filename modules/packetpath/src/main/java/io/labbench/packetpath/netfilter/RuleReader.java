package io.labbench.packetpath.netfilter;

import io.labbench.netparse.IptablesListResult;
import io.labbench.netparse.IptablesRulesResult;
import io.labbench.netparse.model.IptablesChain;
import io.labbench.netparse.model.IptablesRule;
import io.labbench.netparse.model.IptablesTable;
import io.labbench.netparse.model.SavedChain;
import io.labbench.netparse.model.SavedRule;
import io.labbench.netparse.model.SavedTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads netparse's iptables results into a {@link Ruleset}: {@code iptables-save -c} / {@code iptables -S
 * [-v]} (the form the path resolver asks for: every table, exact counters, no rounding) or {@code iptables
 * -L -n -v [-x]} (what watch panels and older captures hold). Both become the same matches and targets.
 */
public final class RuleReader {
    private static final Set<String> VERDICTS = Set.of("ACCEPT", "DROP", "REJECT", "RETURN");

    private RuleReader() {
    }

    /**
     * {@code iptables-save -c} or {@code iptables -S -v} output, parsed by netparse. {@code rawText} is the
     * output itself: its header tells the backend ({@code (nf_tables)} keeps no policy counters).
     */
    public static Ruleset fromSave(IptablesRulesResult parsed, String rawText, String source) {
        boolean policyCounters = rawText.contains("(legacy)");
        Map<String, Map<String, Ruleset.Chain>> tables = new LinkedHashMap<>();
        for (SavedTable t : parsed.tables()) {
            Set<String> chainNames = new java.util.HashSet<>();
            t.chains().forEach(c -> chainNames.add(c.name()));
            t.rules().forEach(r -> chainNames.add(r.chain()));
            // netparse's rules grouped by chain; each chain interprets them only when a walk first enters it
            Map<String, List<SavedRule>> saved = new LinkedHashMap<>();
            for (SavedRule r : t.rules()) {
                saved.computeIfAbsent(r.chain(), k -> new ArrayList<>()).add(r);
            }
            Map<String, Ruleset.Chain> chains = new LinkedHashMap<>();
            for (SavedChain c : t.chains()) {
                List<SavedRule> list = saved.getOrDefault(c.name(), List.of());
                chains.put(c.name(), new Ruleset.Chain(t.name(), c.name(), c.policy(), c.packets(), c.bytes(), list.size(),
                        () -> interpret(t.name(), list, chainNames)));
            }
            saved.forEach((name, list) -> chains.computeIfAbsent(name, n -> new Ruleset.Chain(t.name(), n,
                    isBuiltIn(n) ? "ACCEPT" : "-", OptionalLong.empty(), OptionalLong.empty(), list.size(),
                    () -> interpret(t.name(), list, chainNames))));
            tables.put(t.name(), chains);
        }
        return new Ruleset(tables, policyCounters, source);
    }

    /**
     * {@code iptables -L -n -v} listings (one per table, e.g. {@code -t nat} and {@code -t filter}); listings
     * never say the backend, so the caller says whether policies count.
     */
    public static Ruleset fromList(boolean policyCounters, String source, IptablesListResult... listings) {
        Map<String, Map<String, Ruleset.Chain>> tables = new LinkedHashMap<>();
        for (IptablesTable t : java.util.Arrays.stream(listings).flatMap(l -> l.tables().stream()).toList()) {
            Set<String> chainNames = new java.util.HashSet<>();
            t.chains().forEach(c -> chainNames.add(c.name()));
            Map<String, Ruleset.Chain> chains = new LinkedHashMap<>();
            for (IptablesChain c : t.chains()) {
                List<NetfilterRule> rules = new ArrayList<>();
                for (IptablesRule r : c.rules()) {
                    rules.add(fromListing(t.name(), c.name(), r, rules.size() + 1, chainNames));
                }
                chains.put(c.name(), new Ruleset.Chain(t.name(), c.name(), c.policy().isEmpty() ? "-" : c.policy(),
                        c.policyPackets(), c.policyBytes(), rules));
            }
            tables.put(t.name(), chains);
        }
        return new Ruleset(tables, policyCounters, source);
    }

    private static List<NetfilterRule> interpret(String table, List<SavedRule> saved, Set<String> chainNames) {
        List<NetfilterRule> rules = new ArrayList<>(saved.size());
        for (SavedRule r : saved) {
            rules.add(fromSpec(table, r, rules.size() + 1, chainNames));
        }
        return rules;
    }

    private static final Set<String> BUILT_IN = Set.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");
    private static final Target CONTINUE = new Target.Continue("");

    private static boolean isBuiltIn(String chain) {
        return BUILT_IN.contains(chain);
    }

    private static String shown(boolean not, String word, String next) {
        return (not ? "! " : "") + word + (next.isEmpty() ? "" : " " + next);
    }

    /** kube-proxy prints 0.33333333349; a missing or unreadable one counts as always (1). */
    private static double probability(String text) {
        try {
            return text.isEmpty() ? 1.0 : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 1.0;
        }
    }

    static NetfilterRule fromSpec(String table, SavedRule r, int position, Set<String> chains) {
        List<String> w = RuleWords.split(r.spec());
        List<Match> matches = new ArrayList<>(4);
        Target target = CONTINUE;
        String module = "";
        boolean not = false;
        int i = 0;
        int n = w.size();
        while (i < n) {
            String word = w.get(i);
            String next = i + 1 < n ? w.get(i + 1) : "";
            // most words are options this reader skips (comments, module names): only a match builds its text
            switch (word) {
                case "!" -> {
                    not = true;
                    i++;
                    continue;
                }
                case "-s", "--source" -> matches.add(address(false, next, not, shown(not, word, next)));
                case "-d", "--destination" -> matches.add(address(true, next, not, shown(not, word, next)));
                case "-i", "--in-interface" -> matches.add(new Match.Interface(false, next, not, shown(not, word, next)));
                case "-o", "--out-interface" -> matches.add(new Match.Interface(true, next, not, shown(not, word, next)));
                case "-p", "--protocol" -> matches.add(new Match.Protocol(next, not, shown(not, word, next)));
                case "-m", "--match" -> module = next;
                case "--comment" -> {
                    // a comment changes nothing
                }
                case "--probability" -> {
                    // belongs to the --mode random before it
                }
                case "--limit-iface-in", "--limit-iface-out" -> {
                    // the iface limit narrows LOCAL to the in/out device's own addresses, which the path's devices
                    // already are
                    i++;
                    continue;
                }
                case "--dport", "--destination-port", "--sport", "--source-port" ->
                        matches.add(port(word.startsWith("--d"), next, not, shown(not, word, next)));
                case "--dst-type", "--src-type" ->
                        matches.add(new Match.AddrType(word.startsWith("--dst"), next, not, "-m addrtype " + shown(not, word, next)));
                case "--mark" -> matches.add("connmark".equals(module)
                        ? new Match.ConnectionMark(value(next), mask(next), not, "-m connmark " + shown(not, word, next))
                        : new Match.Mark(value(next), mask(next), not, "-m mark " + shown(not, word, next)));
                case "--ctstate", "--state" -> matches.add(new Match.ConnectionState(List.of(next.split(",")), not,
                        "-m " + module + " " + shown(not, word, next)));
                case "--mode" -> {
                    if ("random".equals(next)) {
                        String p = i + 3 < n && "--probability".equals(w.get(i + 2)) ? w.get(i + 3) : "";
                        matches.add(new Match.Random(probability(p),
                                "-m statistic --mode random" + (p.isEmpty() ? "" : " --probability " + p)));
                    } else {
                        matches.add(new Match.Unknown("-m statistic " + shown(not, word, next)));
                    }
                }
                case "-j", "--jump", "-g", "--goto" -> {
                    target = target(word.startsWith("-g") || "--goto".equals(word), next, w.subList(Math.min(i + 2, n), n), chains);
                    i = n;
                    continue;
                }
                default -> {
                    if (word.startsWith("-")) {
                        boolean hasValue = !next.isEmpty() && !next.startsWith("-") && !"!".equals(next);
                        matches.add(new Match.Unknown((module.isEmpty() ? "" : "-m " + module + " ")
                                + (not ? "! " : "") + word + (hasValue ? " " + next : "")));
                        i += hasValue ? 2 : 1;
                    } else {
                        i++;
                    }
                    not = false;
                    continue;
                }
            }
            not = false;
            i += "-m".equals(word) || "--match".equals(word) || !next.isEmpty() ? 2 : 1;
        }
        String key = table + " " + r.chain() + " " + r.spec();
        return new NetfilterRule(table, r.chain(), position, matches, target, "-A " + r.chain() + " " + r.spec(), key,
                r.packets(), r.bytes(), r.line());
    }

    private static Target target(boolean isGoto, String name, List<String> options, Set<String> chains) {
        if (VERDICTS.contains(name)) {
            return new Target.Verdict(name);
        }
        switch (name) {
            case "DNAT", "SNAT" -> {
                String to = option(options, "DNAT".equals(name) ? "--to-destination" : "--to-source");
                return nat(name, to);
            }
            case "MASQUERADE" -> {
                return new Target.Nat(name, "", 0);
            }
            case "MARK" -> {
                return mark(options, false);
            }
            case "CONNMARK" -> {
                if (options.contains("--restore-mark")) {
                    String nf = option(options, "--nfmask");
                    String ct = option(options, "--ctmask");
                    return new Target.RestoreMark(nf.isEmpty() ? -1L : value(nf), ct.isEmpty() ? -1L : value(ct));
                }
                return mark(options, true);
            }
            default -> {
                if (chains.contains(name)) {
                    return isGoto ? new Target.Goto(name) : new Target.Jump(name);
                }
                return new Target.Continue(name);
            }
        }
    }

    private static Target mark(List<String> options, boolean connection) {
        long value;
        long mask;
        String x = option(options, "--set-xmark");
        if (!x.isEmpty()) {
            value = value(x);
            mask = mask(x);
        } else if (!option(options, "--set-mark").isEmpty()) {
            value = value(option(options, "--set-mark"));
            mask = mask(option(options, "--set-mark"));
        } else if (!option(options, "--or-mark").isEmpty()) {
            value = value(option(options, "--or-mark"));
            mask = value;
        } else if (!option(options, "--xor-mark").isEmpty()) {
            // what iptables-restore takes from kube-proxy; iptables-save prints it back as --set-xmark V/0x0
            value = value(option(options, "--xor-mark"));
            mask = 0;
        } else if (!option(options, "--and-mark").isEmpty()) {
            value = 0;
            mask = ~value(option(options, "--and-mark")) & 0xffffffffL;
        } else {
            return new Target.Continue(connection ? "CONNMARK" : "MARK");
        }
        return connection ? new Target.SetConnectionMark(value, mask) : new Target.SetMark(value, mask);
    }

    private static Target nat(String name, String to) {
        if (to.isEmpty()) {
            return new Target.Nat(name, "", 0);
        }
        // 10.244.1.3:80, 10.244.1.3, 10.0.0.1-10.0.0.9:1000-2000: the path shows the first address and port
        String addr = to;
        int port = 0;
        int colon = to.indexOf(':');
        if (colon >= 0) {
            addr = to.substring(0, colon);
            String p = to.substring(colon + 1);
            int dash = p.indexOf('-');
            try {
                port = Integer.parseInt(dash >= 0 ? p.substring(0, dash) : p);
            } catch (NumberFormatException e) {
                port = 0;
            }
        }
        int dash = addr.indexOf('-');
        return new Target.Nat(name, dash >= 0 ? addr.substring(0, dash) : addr, port);
    }

    private static String option(List<String> options, String name) {
        int at = options.indexOf(name);
        return at >= 0 && at + 1 < options.size() ? options.get(at + 1) : "";
    }

    private static Match address(boolean destination, String cidr, boolean not, String shown) {
        return Ipv4Cidr.parse(cidr).<Match>map(c -> new Match.Address(destination, c, not, shown))
                .orElseGet(() -> new Match.Unknown(shown));
    }

    private static Match port(boolean destination, String text, boolean not, String shown) {
        String[] range = text.split(":");
        try {
            int low = Integer.parseInt(range[0]);
            int high = range.length > 1 ? Integer.parseInt(range[1]) : low;
            return new Match.Port(destination, low, high, not, shown);
        } catch (NumberFormatException e) {
            // a service name (--dport http) is not resolved here
            return new Match.Unknown(shown);
        }
    }

    static long value(String valueAndMask) {
        int slash = valueAndMask.indexOf('/');
        return number(slash < 0 ? valueAndMask : valueAndMask.substring(0, slash));
    }

    static long mask(String valueAndMask) {
        int slash = valueAndMask.indexOf('/');
        return slash < 0 ? 0xffffffffL : number(valueAndMask.substring(slash + 1));
    }

    private static long number(String s) {
        try {
            return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static NetfilterRule fromListing(String table, String chain, IptablesRule r, int position, Set<String> chains) {
        List<Match> matches = new ArrayList<>();
        if (!r.prot().isEmpty() && !"all".equals(r.prot()) && !"0".equals(r.prot())) {
            boolean not = r.prot().startsWith("!");
            String p = not ? r.prot().substring(1) : r.prot();
            matches.add(new Match.Protocol(p, not, (not ? "! " : "") + "-p " + p));
        }
        interfaceMatch(matches, false, r.in());
        interfaceMatch(matches, true, r.out());
        addressMatch(matches, false, r.source());
        addressMatch(matches, true, r.destination());
        List<String> w = RuleWords.split(r.extra());
        Target target = listedTarget(r.target(), w, chains);
        for (int i = 0; i < w.size(); i++) {
            String word = w.get(i);
            String next = i + 1 < w.size() ? w.get(i + 1) : "";
            if (word.startsWith("dpt:") || word.startsWith("spt:") || word.startsWith("dpts:") || word.startsWith("spts:")) {
                String v = word.substring(word.indexOf(':') + 1);
                matches.add(port(word.startsWith("d"), v, false, word));
            } else if ("ADDRTYPE".equals(word) && "match".equals(next)) {
                int j = i + 2;
                boolean not = false;
                while (j + 1 < w.size() && (w.get(j).endsWith("-type") || "!".equals(w.get(j)))) {
                    if ("!".equals(w.get(j))) {
                        not = true;
                        j++;
                        continue;
                    }
                    String type = w.get(j + 1);
                    boolean negated = not || type.startsWith("!");
                    matches.add(new Match.AddrType(w.get(j).startsWith("dst"), type.replace("!", ""), negated,
                            "ADDRTYPE match " + w.get(j) + " " + type));
                    not = false;
                    j += 2;
                    if (j < w.size() && w.get(j).startsWith("limit-")) {
                        j++;
                    }
                }
                i = j - 1;
            } else if (("mark".equals(word) || "connmark".equals(word)) && "match".equals(next)) {
                boolean not = i + 2 < w.size() && "!".equals(w.get(i + 2));
                String v = i + (not ? 3 : 2) < w.size() ? w.get(i + (not ? 3 : 2)) : "";
                String shown = word + " match " + (not ? "! " : "") + v;
                matches.add("mark".equals(word) ? new Match.Mark(value(v), mask(v), not, shown)
                        : new Match.ConnectionMark(value(v), mask(v), not, shown));
                i += not ? 3 : 2;
            } else if ("ctstate".equals(word) || "state".equals(word)) {
                matches.add(new Match.ConnectionState(List.of(next.split(",")), false, word + " " + next));
                i++;
            } else if ("statistic".equals(word) && "mode".equals(next)) {
                int j = i + 2;
                String mode = j < w.size() ? w.get(j) : "";
                String p = j + 2 < w.size() && "probability".equals(w.get(j + 1)) ? w.get(j + 2) : "";
                matches.add("random".equals(mode) ? new Match.Random(probability(p), "statistic mode random"
                        + (p.isEmpty() ? "" : " probability " + p)) : new Match.Unknown("statistic mode " + mode));
                i = p.isEmpty() ? j : j + 2;
            } else if (isTargetWord(word, r.target())) {
                // target options (to:…, MARK or 0x4000, random-fully…) are read by listedTarget
                break;
            } else if (!"tcp".equals(word) && !"udp".equals(word) && !"icmp".equals(word) && !"sctp".equals(word)) {
                matches.add(new Match.Unknown(word));
            }
        }
        String key = table + " " + chain + " " + r.ruleText();
        String text = (r.target() + " " + r.prot() + " " + r.opt() + " " + r.in() + " " + r.out() + " " + r.source() + " "
                + r.destination() + (r.comment().isEmpty() ? "" : " /* " + r.comment() + " */") + " " + r.extra())
                .replaceAll("\\s+", " ").strip();
        return new NetfilterRule(table, chain, position, matches, target, text, key, r.packets(), r.bytes(), r.line());
    }

    private static boolean isTargetWord(String word, String target) {
        return word.startsWith("to:") || word.equals(target) || word.startsWith("masq") || word.startsWith("random")
                || word.startsWith("reject-with") || "CONNMARK".equals(word) || "MARK".equals(word) || "LOG".equals(word)
                || "[goto]".equals(word);
    }

    private static Target listedTarget(String name, List<String> extra, Set<String> chains) {
        if (name.isEmpty()) {
            return new Target.Continue("");
        }
        if (VERDICTS.contains(name)) {
            return new Target.Verdict(name);
        }
        switch (name) {
            case "DNAT", "SNAT" -> {
                String to = extra.stream().filter(s -> s.startsWith("to:")).findFirst().map(s -> s.substring(3)).orElse("");
                return nat(name, to);
            }
            case "MASQUERADE" -> {
                return new Target.Nat(name, "", 0);
            }
            case "MARK", "CONNMARK" -> {
                int at = extra.indexOf(name);
                String op = at >= 0 && at + 1 < extra.size() ? extra.get(at + 1) : "";
                String v = at >= 0 && at + 2 < extra.size() ? extra.get(at + 2) : "";
                boolean connection = "CONNMARK".equals(name);
                if ("restore".equals(op)) {
                    return new Target.RestoreMark(-1L, -1L);
                }
                long value = value(v);
                long mask = switch (op) {
                    case "or" -> value;
                    case "xset" -> mask(v);
                    case "set" -> 0xffffffffL;
                    default -> -2;
                };
                if (mask == -2) {
                    return new Target.Continue(name);
                }
                return connection ? new Target.SetConnectionMark(value, mask) : new Target.SetMark(value, mask);
            }
            default -> {
                if (chains.contains(name)) {
                    return extra.contains("[goto]") ? new Target.Goto(name) : new Target.Jump(name);
                }
                return new Target.Continue(name);
            }
        }
    }

    private static void interfaceMatch(List<Match> matches, boolean out, String dev) {
        if (dev.isEmpty() || "*".equals(dev)) {
            return;
        }
        boolean not = dev.startsWith("!");
        String d = not ? dev.substring(1) : dev;
        matches.add(new Match.Interface(out, d, not, (not ? "! " : "") + (out ? "-o " : "-i ") + d));
    }

    private static void addressMatch(List<Match> matches, boolean destination, String cidr) {
        if (cidr.isEmpty() || "0.0.0.0/0".equals(cidr) || "anywhere".equals(cidr)) {
            return;
        }
        boolean not = cidr.startsWith("!");
        String c = not ? cidr.substring(1) : cidr;
        matches.add(address(destination, c, not, (not ? "! " : "") + (destination ? "-d " : "-s ") + c));
    }
}
