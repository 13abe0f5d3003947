package io.labbench.netparse.model;

import java.util.OptionalLong;

/**
 * One policy routing rule of {@code ip rule}. {@code selector} is the rule text between the priority and
 * the action (its identity together with the priority); {@code action} is {@code lookup} unless the rule
 * says {@code goto}, {@code blackhole}, {@code unreachable}, {@code prohibit} or {@code nop}.
 */
public record IpRuleEntry(OptionalLong priority, boolean not, String from, String to, String fwmark, String iif,
                          String oif, String action, String table, String selector, String extra) {
}
