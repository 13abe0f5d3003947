package io.labbench.netparse.parsers;

import io.labbench.netparse.IptablesListResult;
import io.labbench.netparse.ParseHints;
import io.labbench.netparse.model.IptablesChain;
import io.labbench.netparse.model.IptablesRule;
import io.labbench.netparse.model.IptablesTable;
import io.labbench.netparse.snapshot.CounterValue;
import io.labbench.netparse.text.InputLines;
import io.labbench.netparse.text.Line;
import io.labbench.netparse.text.Numbers;
import io.labbench.netparse.text.Tokens;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads {@code iptables -L [-t T] [-n] [-v] [-x] [--line-numbers]}, also several listings one after the
 * other (each table's built-in chains in hook order tell where a new table starts). Which columns a rule
 * line has comes from the column header ({@code num}, {@code pkts}); without one, from the chain header
 * (counters there mean {@code -v}). A rule without a target (a counting rule) prints nothing in the target
 * column; the {@code opt} column ({@code --}) finds where the words really are.
 */
public final class IptablesListParser {
    private static final String EXPECTED_RULE =
            "a rule line like '    0     0 ACCEPT  all  --  *  *  0.0.0.0/0  0.0.0.0/0'";

    private IptablesListParser() {
    }

    public static IptablesListResult parse(String text) {
        return parse(InputLines.of(text), "filter");
    }

    /** {@code defaultTable} names the table when the listing's chains do not tell (a single user chain). */
    public static IptablesListResult parse(List<Line> lines, String defaultTable) {
        return parse(lines, defaultTable, ParseHints.NONE);
    }

    /**
     * {@code hints.iptablesTable()}, the table the command listed, names every table of the listing: the
     * listing never names its table, and the command knows better than the chains seen (a lone
     * {@code PREROUTING} is in nat, mangle and raw). Without it the chains tell, or {@code defaultTable}.
     */
    public static IptablesListResult parse(List<Line> lines, String defaultTable, ParseHints hints) {
        State s = new State(defaultTable, hints.iptablesTable());
        Tokens t = new Tokens();
        for (Line line : lines) {
            String text = line.text();
            if (text.isBlank()) {
                continue;
            }
            if (text.startsWith("Chain ")) {
                s.chainHeader(t.of(text), line);
            } else if (isColumnHeader(text)) {
                t.of(text);
                s.lineNumbers = t.is(0, "num");
                s.verbose = text.contains("pkts");
            } else if (s.chain == null) {
                s.diagnostics.unexpected(line.number(), text, "a 'Chain NAME (policy ...)' line first");
            } else {
                IptablesRule rule = readRule(t.of(text), s, line.number());
                if (rule == null) {
                    s.diagnostics.unexpected(line.number(), text, EXPECTED_RULE);
                } else {
                    s.chain.rules.add(rule);
                }
            }
        }
        s.closeTable();
        return new IptablesListResult(s.tables, s.diagnostics.list());
    }

    private static boolean isColumnHeader(String text) {
        return text.contains("target") && text.contains("prot") && text.contains("destination")
                && text.contains("source") && !text.contains("/");
    }

    private static boolean isOpt(Tokens t, int i) {
        if (i >= t.size() || t.end(i) - t.start(i) != 2) {
            return false;
        }
        String o = t.get(i);
        return "--".equals(o) || "-f".equals(o) || "!f".equals(o);
    }

    private static IptablesRule readRule(Tokens t, State s, int lineNumber) {
        int i = 0;
        OptionalInt num = OptionalInt.empty();
        if (s.lineNumbers) {
            num = Numbers.parseInt(t.get(0));
            if (num.isEmpty()) {
                return null;
            }
            i++;
        }
        String packetsText = "";
        String bytesText = "";
        OptionalLong packets = OptionalLong.empty();
        OptionalLong bytes = OptionalLong.empty();
        boolean approximate = false;
        if (s.verbose) {
            packetsText = t.get(i);
            bytesText = t.get(i + 1);
            Optional<CounterValue> p = CounterValue.parse(packetsText);
            Optional<CounterValue> b = CounterValue.parse(bytesText);
            if (p.isEmpty() || b.isEmpty()) {
                return null;
            }
            packets = OptionalLong.of(p.get().value());
            bytes = OptionalLong.of(b.get().value());
            approximate = p.get().approximate() || b.get().approximate();
            i += 2;
        }
        int ruleStart;
        String target;
        if (isOpt(t, i + 2)) {
            ruleStart = t.start(i);
            target = t.get(i);
            i++;
        } else if (isOpt(t, i + 1)) {
            ruleStart = i < t.size() ? t.start(i) : 0;
            target = "";
        } else {
            return null;
        }
        String prot = t.get(i);
        String opt = t.get(i + 1);
        i += 2;
        String in = "";
        String out = "";
        if (s.verbose) {
            in = t.get(i);
            out = t.get(i + 1);
            i += 2;
        }
        if (i + 1 >= t.size()) {
            return null;
        }
        String source = t.get(i);
        String destination = t.get(i + 1);
        i += 2;
        String extra = t.rest(i);
        String comment = "";
        int open = extra.indexOf("/* ");
        if (open >= 0) {
            int close = extra.indexOf(" */", open + 3);
            if (close >= 0) {
                comment = extra.substring(open + 3, close);
                extra = (extra.substring(0, open) + extra.substring(close + 3)).strip();
            }
        }
        String ruleText = collapse(t.line(), ruleStart);
        if (target.isEmpty()) {
            ruleText = "- " + ruleText;
        }
        return new IptablesRule(num, packets, bytes, approximate, target, prot, opt, in, out, source, destination,
                comment, extra, packetsText, bytesText, ruleText, lineNumber);
    }

    /** The line from {@code start} with runs of blanks made single spaces: column padding is not identity. */
    static String collapse(String line, int start) {
        StringBuilder b = new StringBuilder(line.length() - start);
        boolean blank = false;
        for (int i = start; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                blank = true;
            } else {
                if (blank && b.length() > 0) {
                    b.append(' ');
                }
                blank = false;
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The parse in progress: tables so far, the open table and chain, the column layout. */
    private static final class State {
        final String defaultTable;
        final Optional<String> commandTable;
        final Diagnostics diagnostics = new Diagnostics();
        final List<IptablesTable> tables = new ArrayList<>();
        final List<ChainBuilder> tableChains = new ArrayList<>();
        final Set<String> tableChainNames = new LinkedHashSet<>();
        int lastHook = -1;
        boolean sawUserChain;
        ChainBuilder chain;
        boolean verbose;
        boolean lineNumbers;

        State(String defaultTable, Optional<String> commandTable) {
            this.defaultTable = defaultTable;
            this.commandTable = commandTable;
        }

        void chainHeader(Tokens t, Line line) {
            String name = t.get(1);
            if (name.isEmpty()) {
                diagnostics.unexpected(line.number(), line.text(), "'Chain NAME (policy ACCEPT ...)'");
                chain = null;
                return;
            }
            int hook = TableNames.hookOrder(name);
            if (tableChainNames.contains(name) || hook >= 0 && (hook <= lastHook || sawUserChain)) {
                closeTable();
            }
            if (hook >= 0) {
                lastHook = hook;
            } else {
                sawUserChain = true;
            }
            chain = new ChainBuilder(name);
            String details = t.rest(2);
            if (details.startsWith("(policy ")) {
                chain.policy = stripParen(t.get(3));
                verbose = t.size() >= 8 && t.get(5).startsWith("packets");
                lineNumbers = false;
                if (verbose) {
                    chain.policyPacketsText = t.get(4);
                    chain.policyBytesText = t.get(6);
                    chain.policyPackets = CounterValue.parse(t.get(4)).map(c -> OptionalLong.of(c.value()))
                            .orElse(OptionalLong.empty());
                    chain.policyBytes = CounterValue.parse(t.get(6)).map(c -> OptionalLong.of(c.value()))
                            .orElse(OptionalLong.empty());
                }
            } else if (details.startsWith("(") && details.contains("reference")) {
                chain.references = Numbers.parseInt(t.get(2).substring(1));
            } else if (!details.isEmpty()) {
                diagnostics.unexpected(line.number(), line.text(), "'(policy P ...)' or '(N references)' after the chain name");
            }
            tableChains.add(chain);
            tableChainNames.add(name);
        }

        private static String stripParen(String s) {
            return s.endsWith(")") ? s.substring(0, s.length() - 1) : s;
        }

        void closeTable() {
            if (!tableChains.isEmpty()) {
                String name = commandTable.orElseGet(() -> TableNames.infer(tableChainNames, defaultTable));
                tables.add(new IptablesTable(name, tableChains.stream().map(ChainBuilder::build).toList()));
            }
            tableChains.clear();
            tableChainNames.clear();
            lastHook = -1;
            sawUserChain = false;
            chain = null;
        }
    }

    /** A chain while its rule lines are read. */
    private static final class ChainBuilder {
        final String name;
        String policy = "";
        OptionalLong policyPackets = OptionalLong.empty();
        OptionalLong policyBytes = OptionalLong.empty();
        OptionalInt references = OptionalInt.empty();
        String policyPacketsText = "";
        String policyBytesText = "";
        final List<IptablesRule> rules = new ArrayList<>();

        ChainBuilder(String name) {
            this.name = name;
        }

        IptablesChain build() {
            return new IptablesChain(name, policy, policyPackets, policyBytes, references, rules, policyPacketsText,
                    policyBytesText);
        }
    }
}
