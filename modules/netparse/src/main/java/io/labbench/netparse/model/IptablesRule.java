package io.labbench.netparse.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One rule line of {@code iptables -L}. Counters are present with {@code -v}; without {@code -x} iptables
 * rounds them to K/M/G/T (powers of 1000) and {@code approximate} is true. {@code extra} is the match and
 * target text after the destination, verbatim except for the {@code /* comment *}{@code /}, which is in
 * {@code comment}. {@code ruleText} (target to end, whitespace collapsed) is the rule's identity.
 */
public record IptablesRule(OptionalInt num, OptionalLong packets, OptionalLong bytes, boolean approximate,
                           String target, String prot, String opt, String in, String out, String source,
                           String destination, String comment, String extra,
                           @JsonIgnore String packetsText, @JsonIgnore String bytesText,
                           @JsonIgnore String ruleText, @JsonIgnore int line) {
}
