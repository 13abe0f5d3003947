package io.labbench.netparse;

import io.labbench.netparse.command.IptablesCommandTable;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the caller knows about an output that the output itself may not say. Today one thing: the iptables
 * table a listing came from. Neither {@code iptables -L} nor {@code iptables -S} prints it, and a listing of
 * one user chain ({@code iptables -t nat -L AWS-SNAT-CHAIN-0}) or of one built-in chain shared by several
 * tables ({@code iptables -t mangle -L PREROUTING}) gives no reliable clue, so the command that printed it
 * is the only one that knows. A table the output names itself ({@code *nat} in {@code iptables-save}) still
 * wins over the hint.
 *
 * @param iptablesTable the table the listing came from; empty leaves it to the built-in chains, or
 *                      {@code filter}
 */
public record ParseHints(Optional<String> iptablesTable) {

    /** The tables iptables knows; a hint names one of them. */
    public static final Set<String> IPTABLES_TABLES = IptablesCommandTable.TABLES;

    /** Nothing known beyond the output. */
    public static final ParseHints NONE = new ParseHints(Optional.empty());

    public ParseHints {
        Objects.requireNonNull(iptablesTable, "iptablesTable");
        iptablesTable.ifPresent(ParseHints::checkTable);
    }

    /** The output is a listing of {@code table} ({@code nat}, {@code mangle}…). */
    public static ParseHints iptablesTable(String table) {
        return new ParseHints(Optional.of(table));
    }

    /**
     * What {@code commandLine} tells about its own output: the table its iptables invocations list
     * ({@code sudo iptables -t nat -L CHAIN -n -v -x} → {@code nat}); {@link #NONE} when it does not say
     * or its invocations disagree.
     */
    public static ParseHints forCommand(String commandLine) {
        return new ParseHints(IptablesCommandTable.of(commandLine));
    }

    private static void checkTable(String table) {
        if (!IPTABLES_TABLES.contains(table)) {
            throw new IllegalArgumentException("unknown iptables table '" + table
                    + "'; expected one of filter, nat, mangle, raw, security");
        }
    }
}
