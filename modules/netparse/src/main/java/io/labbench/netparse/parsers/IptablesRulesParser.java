package io.labbench.netparse.parsers;

import io.labbench.netparse.IptablesRulesResult;
import io.labbench.netparse.ParseHints;
import io.labbench.netparse.model.SavedChain;
import io.labbench.netparse.model.SavedRule;
import io.labbench.netparse.model.SavedTable;
import io.labbench.netparse.text.InputLines;
import io.labbench.netparse.text.Line;
import io.labbench.netparse.text.Numbers;
import io.labbench.netparse.text.Tokens;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads {@code iptables-save [-c]} ({@code *table}, {@code :CHAIN POLICY [p:b]}, {@code [p:b] -A …},
 * {@code COMMIT}) and {@code iptables -S [-v]} ({@code -P}, {@code -N}, {@code -A … -c p b}). Without a
 * {@code *table} line the table is the one the command listed ({@link ParseHints#iptablesTable()}), else
 * inferred from the built-in chains, or {@code filter}.
 */
public final class IptablesRulesParser {
    private static final String EXPECTED = "'-A CHAIN ...', '-P CHAIN POLICY', '-N CHAIN', ':CHAIN POLICY [p:b]', "
            + "'*table' or 'COMMIT'";

    private IptablesRulesParser() {
    }

    public static IptablesRulesResult parse(String text) {
        return parse(InputLines.of(text), "filter");
    }

    public static IptablesRulesResult parse(List<Line> lines, String defaultTable) {
        return parse(lines, defaultTable, ParseHints.NONE);
    }

    /** A {@code *table} line names its table; {@code hints} names the rest (see {@link IptablesListParser}). */
    public static IptablesRulesResult parse(List<Line> lines, String defaultTable, ParseHints hints) {
        Optional<String> commandTable = hints.iptablesTable();
        Diagnostics diagnostics = new Diagnostics();
        List<SavedTable> tables = new ArrayList<>();
        TableBuilder table = null;
        Tokens t = new Tokens();
        for (Line line : lines) {
            String text = line.text();
            if (text.isBlank() || text.startsWith("#")) {
                continue;
            }
            char first = text.charAt(0);
            if (first == '*') {
                if (table != null) {
                    tables.add(table.build(defaultTable, commandTable));
                }
                table = new TableBuilder(text.substring(1).strip());
                continue;
            }
            if ("COMMIT".equals(text.strip())) {
                if (table != null) {
                    tables.add(table.build(defaultTable, commandTable));
                    table = null;
                } else {
                    diagnostics.add(line.number(), "COMMIT without a '*table' line before it");
                }
                continue;
            }
            if (table == null) {
                table = new TableBuilder("");
            }
            t.of(text);
            boolean ok;
            if (first == ':') {
                ok = readChainDeclaration(t, table);
            } else if (t.is(0, "-P")) {
                ok = readPolicy(t, table);
            } else if (t.is(0, "-N")) {
                ok = t.size() == 2 && table.addChain(new SavedChain(t.get(1), "-", OptionalLong.empty(), OptionalLong.empty()));
            } else {
                ok = readRule(t, table, line.number());
            }
            if (!ok) {
                diagnostics.unexpected(line.number(), text, EXPECTED);
            }
        }
        if (table != null) {
            tables.add(table.build(defaultTable, commandTable));
        }
        return new IptablesRulesResult(tables, diagnostics.list());
    }

    /** {@code :KUBE-SERVICES - [0:0]} or {@code :INPUT ACCEPT [12:720]}. */
    private static boolean readChainDeclaration(Tokens t, TableBuilder table) {
        if (t.size() < 2 || t.get(0).length() < 2) {
            return false;
        }
        OptionalLong[] counters = bracketCounters(t.get(2));
        return table.addChain(new SavedChain(t.get(0).substring(1), t.get(1), counters[0], counters[1]));
    }

    /** {@code -P INPUT ACCEPT} or {@code -P INPUT ACCEPT -c 10 600}. */
    private static boolean readPolicy(Tokens t, TableBuilder table) {
        if (t.size() < 3) {
            return false;
        }
        OptionalLong packets = OptionalLong.empty();
        OptionalLong bytes = OptionalLong.empty();
        if (t.is(3, "-c")) {
            packets = Numbers.parseLong(t.get(4));
            bytes = Numbers.parseLong(t.get(5));
        }
        return table.addChain(new SavedChain(t.get(1), t.get(2), packets, bytes));
    }

    private static boolean readRule(Tokens t, TableBuilder table, int line) {
        int i = 0;
        OptionalLong packets = OptionalLong.empty();
        OptionalLong bytes = OptionalLong.empty();
        if (t.get(0).startsWith("[")) {
            OptionalLong[] counters = bracketCounters(t.get(0));
            if (counters[0].isEmpty()) {
                return false;
            }
            packets = counters[0];
            bytes = counters[1];
            i = 1;
        }
        if (!t.is(i, "-A") && !t.is(i, "-I") || i + 1 >= t.size()) {
            return false;
        }
        String chain = t.get(i + 1);
        String target = "";
        String comment = "";
        String text = t.line();
        int specStart = i + 2 < t.size() ? t.start(i + 2) : text.length();
        int countersFrom = -1;
        int countersTo = -1;
        int j = i + 2;
        while (j < t.size()) {
            if (t.is(j, "-c") && j + 2 < t.size() && Numbers.isDigits(t.get(j + 1)) && Numbers.isDigits(t.get(j + 2))) {
                // iptables -S -v puts "-c packets bytes" inside the rule; it is not part of the rule.
                packets = Numbers.parseLong(t.get(j + 1));
                bytes = Numbers.parseLong(t.get(j + 2));
                countersFrom = t.start(j);
                countersTo = t.end(j + 2);
                j += 3;
                continue;
            }
            if ((t.is(j, "-j") || t.is(j, "-g") || t.is(j, "--jump") || t.is(j, "--goto")) && target.isEmpty()) {
                target = t.get(j + 1);
            }
            if (t.is(j, "--comment") && j + 1 < t.size()) {
                QuotedWord q = QuotedWord.read(text, t.start(j + 1));
                comment = q.value();
                j++;
                // Words inside the quotes ("... -j ...") are not options.
                while (j + 1 < t.size() && t.start(j + 1) < q.end()) {
                    j++;
                }
            }
            j++;
        }
        String spec = countersFrom < 0 ? text.substring(specStart)
                : (text.substring(specStart, countersFrom) + text.substring(countersTo)).replace("  ", " ");
        spec = spec.strip();
        table.rules.add(new SavedRule(chain, spec, target, comment, packets, bytes, line));
        return true;
    }

    /** {@code [12:720]} → {12, 720}; empty values when the word is not such a pair. */
    private static OptionalLong[] bracketCounters(String word) {
        OptionalLong[] none = {OptionalLong.empty(), OptionalLong.empty()};
        if (word.length() < 5 || !word.startsWith("[") || !word.endsWith("]")) {
            return none;
        }
        int colon = word.indexOf(':');
        if (colon < 0) {
            return none;
        }
        OptionalLong p = Numbers.parseLong(word.substring(1, colon));
        OptionalLong b = Numbers.parseLong(word.substring(colon + 1, word.length() - 1));
        return p.isPresent() && b.isPresent() ? new OptionalLong[] {p, b} : none;
    }

    /** A table while its lines are read. */
    private static final class TableBuilder {
        final String name;
        final List<SavedChain> chains = new ArrayList<>();
        final Set<String> chainNames = new LinkedHashSet<>();
        final List<SavedRule> rules = new ArrayList<>();

        TableBuilder(String name) {
            this.name = name;
        }

        boolean addChain(SavedChain chain) {
            chains.add(chain);
            chainNames.add(chain.name());
            return true;
        }

        SavedTable build(String defaultTable, Optional<String> commandTable) {
            String tableName = !name.isEmpty() ? name
                    : commandTable.orElseGet(() -> TableNames.infer(chainNames, defaultTable));
            return new SavedTable(tableName, chains, rules);
        }
    }
}
