package io.labbench.netparse.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import io.labbench.netparse.IpRuleResult;
import io.labbench.netparse.model.IpRuleEntry;
import io.labbench.netparse.text.InputLines;
import io.labbench.netparse.text.Line;
import io.labbench.netparse.text.Numbers;
import io.labbench.netparse.text.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Reads {@code ip rule} ({@code 512:\tfrom all to 172.30.94.143 lookup main}) and {@code ip -j rule}. */
public final class IpRuleParser {
    private static final String EXPECTED = "a rule like '512:\tfrom all to 10.0.0.5 lookup main'";

    private IpRuleParser() {
    }

    public static IpRuleResult parse(String text) {
        if (IpJson.looksLikeJson(text)) {
            return parseJson(text);
        }
        return parse(InputLines.of(text));
    }

    public static IpRuleResult parse(List<Line> lines) {
        Diagnostics diagnostics = new Diagnostics();
        List<IpRuleEntry> rules = new ArrayList<>();
        Tokens t = new Tokens();
        for (Line line : lines) {
            if (line.text().isBlank()) {
                continue;
            }
            t.of(line.text());
            IpRuleEntry r = readLine(t);
            if (r == null) {
                diagnostics.unexpected(line.number(), line.text(), EXPECTED);
            } else {
                rules.add(r);
            }
        }
        return new IpRuleResult(rules, diagnostics.list());
    }

    private static IpRuleEntry readLine(Tokens t) {
        String first = t.get(0);
        if (first.length() < 2 || !first.endsWith(":")) {
            return null;
        }
        OptionalLong priority = Numbers.parseLong(first.substring(0, first.length() - 1));
        if (priority.isEmpty() || t.size() < 2) {
            return null;
        }
        boolean not = false;
        String from = "";
        String to = "";
        String fwmark = "";
        String iif = "";
        String oif = "";
        String action = "";
        String table = "";
        int selectorStart = t.start(1);
        int selectorEnd = -1;
        StringBuilder extra = new StringBuilder();
        int i = 1;
        while (i < t.size()) {
            String w = t.get(i);
            if (action.isEmpty()) {
                switch (w) {
                    case "not" -> not = true;
                    case "from" -> from = t.get(++i);
                    case "to" -> to = t.get(++i);
                    case "fwmark" -> fwmark = t.get(++i);
                    case "iif" -> iif = t.get(++i);
                    case "oif" -> oif = t.get(++i);
                    case "lookup", "table", "goto" -> {
                        selectorEnd = t.start(i);
                        action = "goto".equals(w) ? "goto" : "lookup";
                        table = t.get(++i);
                    }
                    case "blackhole", "unreachable", "prohibit", "nop" -> {
                        selectorEnd = t.start(i);
                        action = w;
                    }
                    default -> { }
                }
            } else {
                if (extra.length() > 0) {
                    extra.append(' ');
                }
                extra.append(w);
            }
            i++;
        }
        if (from.isEmpty() && to.isEmpty() && fwmark.isEmpty() && iif.isEmpty() && oif.isEmpty() && action.isEmpty()) {
            return null;
        }
        String line = t.line();
        String selector = selectorEnd < 0 ? line.substring(selectorStart) : line.substring(selectorStart, selectorEnd);
        return new IpRuleEntry(priority, not, from, to, fwmark, iif, oif, action.isEmpty() ? "lookup" : action,
                table, selector.strip().replaceAll("\\s+", " "), extra.toString());
    }

    static IpRuleResult parseJson(String text) {
        Diagnostics diagnostics = new Diagnostics();
        List<IpRuleEntry> rules = new ArrayList<>();
        for (JsonNode n : IpJson.objects(text, diagnostics, "priority", "ip -j rule")) {
            String from = withLength(IpJson.text(n, "src"), IpJson.text(n, "srclen"));
            String to = withLength(IpJson.text(n, "dst"), IpJson.text(n, "dstlen"));
            String fwmark = IpJson.text(n, "fwmark");
            String mask = IpJson.text(n, "fwmask");
            if (!fwmark.isEmpty() && !mask.isEmpty()) {
                fwmark = fwmark + "/" + mask;
            }
            boolean not = n.has("not");
            String iif = IpJson.text(n, "iif");
            String oif = IpJson.text(n, "oif");
            String table = IpJson.text(n, "table");
            String action = table.isEmpty() ? IpJson.text(n, "action") : "lookup";
            if (action.isEmpty() && n.has("goto")) {
                action = "goto";
                table = IpJson.text(n, "goto");
            }
            StringBuilder selector = new StringBuilder();
            if (not) {
                selector.append("not ");
            }
            selector.append("from ").append(from.isEmpty() ? "all" : from);
            appendPair(selector, "to", to);
            appendPair(selector, "fwmark", fwmark);
            appendPair(selector, "iif", iif);
            appendPair(selector, "oif", oif);
            rules.add(new IpRuleEntry(IpJson.longValue(n, "priority"), not, from, to, fwmark, iif, oif,
                    action.isEmpty() ? "lookup" : action, table, selector.toString(), ""));
        }
        return new IpRuleResult(rules, diagnostics.list());
    }

    private static String withLength(String address, String length) {
        return address.isEmpty() || length.isEmpty() ? address : address + "/" + length;
    }

    private static void appendPair(StringBuilder b, String word, String value) {
        if (!value.isEmpty()) {
            b.append(' ').append(word).append(' ').append(value);
        }
    }
}
