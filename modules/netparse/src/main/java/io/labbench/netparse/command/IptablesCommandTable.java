package io.labbench.netparse.command;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The iptables table a command line lists, read the way iptables reads its options: {@code -t nat},
 * {@code -tnat}, {@code -nvt nat}, {@code --table nat}, {@code --table=nat} (and the abbreviations
 * getopt accepts, {@code --tab nat}), for {@code iptables}, {@code ip6tables}, their {@code -legacy} and
 * {@code -nft} forms and the {@code -save} commands, wherever they stand in the line ({@code sudo},
 * {@code ip netns exec NS}, {@code kubectl exec POD --}, {@code sh -c '…'}). An invocation without a
 * table option lists {@code filter}, iptables' default, except {@code iptables-save}, whose output names
 * every table it dumps. Several invocations must agree; when they do not, or a table cannot be read
 * ({@code -t $TABLE}), the answer is empty and the parser goes by the chains it sees.
 */
public final class IptablesCommandTable {
    /** The tables iptables knows. */
    public static final Set<String> TABLES = Set.of("filter", "nat", "mangle", "raw", "security");

    private static final Pattern COMMAND = Pattern.compile("ip6?tables(-legacy|-nft)?(-save)?");
    /** Short options of iptables that take a value, in the same word ({@code -AFOO}) or the next. */
    private static final String IPTABLES_VALUE_OPTIONS = "ACDRIMNEPopsdjimcg";
    /** Short options of iptables whose value can only follow in the same word ({@code -LFOO}, {@code -w5}). */
    private static final String IPTABLES_ATTACHED_VALUE_OPTIONS = "LSFZXwWh";
    /** Short options of iptables-save that take a value. */
    private static final String SAVE_VALUE_OPTIONS = "Mf";

    private IptablesCommandTable() {
    }

    /** The one table {@code commandLine}'s iptables invocations list; empty when it does not say. */
    public static Optional<String> of(String commandLine) {
        if (commandLine == null) {
            return Optional.empty();
        }
        Set<String> tables = new TreeSet<>();
        for (List<String> words : ShellWords.commands(commandLine)) {
            for (int i = 0; i < words.size(); i++) {
                String name = words.get(i).substring(words.get(i).lastIndexOf('/') + 1);
                var command = COMMAND.matcher(name);
                if (command.matches()) {
                    boolean save = command.group(2) != null;
                    if (!tablesOf(words.subList(i + 1, words.size()), save, tables)) {
                        return Optional.empty();
                    }
                    break; // the rest of this simple command is this invocation's arguments
                }
            }
        }
        return tables.size() == 1 ? Optional.of(tables.iterator().next()) : Optional.empty();
    }

    /** Adds the table one invocation lists to {@code tables}; false when it names one that cannot be read. */
    private static boolean tablesOf(List<String> args, boolean save, Set<String> tables) {
        boolean named = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = null;
            boolean tableOption = false;
            if (arg.startsWith("--") && arg.length() > 2) {
                int eq = arg.indexOf('=');
                String option = arg.substring(2, eq < 0 ? arg.length() : eq);
                if (!option.isEmpty() && "table".startsWith(option)) {
                    tableOption = true;
                    value = eq >= 0 ? arg.substring(eq + 1) : i + 1 < args.size() ? args.get(++i) : null;
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                for (int k = 1; k < arg.length(); k++) {
                    char c = arg.charAt(k);
                    String rest = arg.substring(k + 1);
                    if (c == 't') {
                        tableOption = true;
                        value = !rest.isEmpty() ? rest : i + 1 < args.size() ? args.get(++i) : null;
                        break;
                    }
                    if ((save ? SAVE_VALUE_OPTIONS : IPTABLES_VALUE_OPTIONS).indexOf(c) >= 0) {
                        if (rest.isEmpty()) {
                            i++; // the value is the next word; it is not an option even if it looks like one
                        }
                        break;
                    }
                    if (!save && IPTABLES_ATTACHED_VALUE_OPTIONS.indexOf(c) >= 0) {
                        break;
                    }
                }
            }
            if (tableOption) {
                if (value == null || !TABLES.contains(value)) {
                    return false;
                }
                tables.add(value);
                named = true;
            }
        }
        if (!named && !save) {
            tables.add("filter");
        }
        return true;
    }
}
