package io.labbench.watch;

import java.util.Objects;
import java.util.Optional;

/** The iptables table, and optionally one chain, whose packet and byte counters can be zeroed. */
public record ZeroCountersTarget(String table, Optional<String> chain) {

    public ZeroCountersTarget {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(chain, "chain");
        if (!table.matches("[a-z]+")) {
            throw new IllegalArgumentException("iptables table '" + table + "' is not a table name like nat or mangle");
        }
        chain.ifPresent(c -> {
            if (!c.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("iptables chain '" + c + "' has characters a chain name cannot have");
            }
        });
    }

    public static ZeroCountersTarget table(String table) {
        return new ZeroCountersTarget(table, Optional.empty());
    }

    public static ZeroCountersTarget chain(String table, String chain) {
        return new ZeroCountersTarget(table, Optional.of(chain));
    }

    /** {@code iptables -Z [chain] -t table}, as the study types it. */
    public String command() {
        return "iptables -Z " + chain.map(c -> c + " ").orElse("") + "-t " + table;
    }

    /** What the confirmation dialog and the timeline mark say. */
    public String describe() {
        return chain.map(c -> "chain " + c + " of table " + table).orElse("every chain of table " + table);
    }
}
