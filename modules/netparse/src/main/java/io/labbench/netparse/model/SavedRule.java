package io.labbench.netparse.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.OptionalLong;

/**
 * One {@code -A CHAIN …} rule of {@code iptables -S} or {@code iptables-save}. {@code spec} is the rule
 * after the chain name, without counters, exactly as printed; {@code target} comes from {@code -j} (or
 * {@code -g}); {@code comment} is the unquoted {@code --comment}. Counters come from {@code [p:b]}
 * ({@code iptables-save -c}) or {@code -c p b} ({@code iptables -S -v}).
 */
public record SavedRule(String chain, String spec, String target, String comment, OptionalLong packets,
                        OptionalLong bytes, @JsonIgnore int line) {
}
