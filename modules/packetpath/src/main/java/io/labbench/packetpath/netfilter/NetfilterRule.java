package io.labbench.packetpath.netfilter;

import java.util.List;
import java.util.OptionalLong;

/**
 * One rule ready to evaluate: its matches, its target, and where it came from. {@code key} is the rule's
 * identity in its chain as the watch snapshots key it ({@code "nat KUBE-SERVICES -d 10.96.0.1/32 …"}),
 * {@code text} is what a learner would recognise ({@code iptables -S} form or the listing's columns),
 * {@code position} counts from 1 as {@code --line-numbers} does.
 */
public record NetfilterRule(String table, String chain, int position, List<Match> matches, Target target,
                            String text, String key, OptionalLong packets, OptionalLong bytes, int line) {
    public NetfilterRule {
        matches = List.copyOf(matches);
    }

    public String comment() {
        int at = text.indexOf("--comment ");
        if (at >= 0) {
            String rest = text.substring(at + 10).strip();
            if (rest.startsWith("\"")) {
                int end = rest.indexOf('"', 1);
                return end > 0 ? rest.substring(1, end) : rest.substring(1);
            }
            int end = rest.indexOf(' ');
            return end > 0 ? rest.substring(0, end) : rest;
        }
        int c = text.indexOf("/* ");
        int e = text.indexOf(" */");
        return c >= 0 && e > c ? text.substring(c + 3, e) : "";
    }
}
