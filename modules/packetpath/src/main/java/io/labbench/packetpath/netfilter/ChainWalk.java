package io.labbench.packetpath.netfilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one packet through one table's built-in chain the way netfilter does: rules in order, a rule
 * matches when all its matches do, {@code -j} comes back on RETURN or at the chain's end, {@code -g} does
 * not, ACCEPT/DROP/REJECT and the NAT targets end the table's chain, MARK/CONNMARK change the packet and
 * go on, and a built-in chain's end applies its policy. This is the one place the path evaluates rules
 * itself rather than asking the kernel; the lab tests compare what it names with the counters that rose.
 * Not thread-safe: one walk per instance at a time.
 */
public final class ChainWalk {
    /** kube-proxy chains nest three deep (SERVICES → SVC → SEP); anything past this is a loop. */
    private static final int MAX_DEPTH = 32;

    /** One rule (or a built-in chain's policy, {@code rule} empty) that the packet met and matched. */
    public record Step(String table, String chain, Optional<NetfilterRule> rule, String policy,
                       Packet before, Packet after, List<String> notes) {
        public Step {
            notes = List.copyOf(notes);
        }
    }

    /** How the table left the packet: ACCEPT, DROP or REJECT, the packet as rewritten, and the steps. */
    public record Result(String verdict, Packet packet, List<Step> steps, List<String> unreadable) {
        public Result {
            steps = List.copyOf(steps);
            unreadable = List.copyOf(unreadable);
        }

        public boolean dropped() {
            return "DROP".equals(verdict) || "REJECT".equals(verdict);
        }
    }

    private final Ruleset rules;
    private final MatchContext context;
    private final List<String> unreadable = new ArrayList<>();

    public ChainWalk(Ruleset rules, MatchContext context) {
        this.rules = rules;
        this.context = context;
    }

    /** The packet through {@code table}'s built-in {@code hook} chain; a missing table or chain accepts untouched. */
    public Result run(String table, String hook, Packet packet) {
        Optional<Ruleset.Chain> chain = rules.chain(table, hook);
        if (chain.isEmpty()) {
            return new Result("ACCEPT", packet, List.of(), List.of());
        }
        List<Step> steps = new ArrayList<>();
        unreadable.clear();
        Outcome o = walk(chain.get(), packet, steps, 0);
        if (o.verdict.isPresent()) {
            return new Result(o.verdict.get(), o.packet, steps, unreadable);
        }
        Ruleset.Chain c = chain.get();
        steps.add(new Step(table, hook, Optional.empty(), c.policy(), o.packet, o.packet, List.of()));
        return new Result(c.policy(), o.packet, steps, unreadable);
    }

    private record Outcome(Optional<String> verdict, Packet packet) {
    }

    private Outcome walk(Ruleset.Chain chain, Packet packet, List<Step> steps, int depth) {
        Packet p = packet;
        if (depth > MAX_DEPTH) {
            steps.add(new Step(chain.table(), chain.name(), Optional.empty(), "", p, p,
                    List.of("chains nest deeper than " + MAX_DEPTH + ": stopped here (a jump loop?)")));
            return new Outcome(Optional.of("ACCEPT"), p);
        }
        for (NetfilterRule rule : chain.rules()) {
            List<String> notes = new ArrayList<>();
            if (!matches(rule, p, notes)) {
                continue;
            }
            Target t = rule.target();
            Packet before = p;
            if (t instanceof Target.Jump j) {
                steps.add(new Step(chain.table(), chain.name(), Optional.of(rule), "", before, p, notes));
                Optional<Ruleset.Chain> sub = rules.chain(chain.table(), j.name());
                if (sub.isPresent()) {
                    Outcome o = walk(sub.get(), p, steps, depth + 1);
                    if (o.verdict.isPresent()) {
                        return o;
                    }
                    p = o.packet;
                }
            } else if (t instanceof Target.Goto g) {
                steps.add(new Step(chain.table(), chain.name(), Optional.of(rule), "", before, p, notes));
                Optional<Ruleset.Chain> sub = rules.chain(chain.table(), g.name());
                // after a goto, the end of the sub-chain returns to whoever called this chain
                return sub.isPresent() ? walk(sub.get(), before, steps, depth + 1) : new Outcome(Optional.empty(), p);
            } else if (t instanceof Target.Verdict v) {
                steps.add(new Step(chain.table(), chain.name(), Optional.of(rule), "", before, p, notes));
                return new Outcome("RETURN".equals(v.name()) ? Optional.empty() : Optional.of(v.name()), p);
            } else if (t instanceof Target.Nat n) {
                Packet after = nat(n, p, notes);
                steps.add(new Step(chain.table(), chain.name(), Optional.of(rule), "", before, after, notes));
                return new Outcome(Optional.of("ACCEPT"), after);
            } else {
                if (t instanceof Target.SetMark m) {
                    p = p.withMark((p.mark() & ~m.mask()) ^ m.value());
                } else if (t instanceof Target.SetConnectionMark m) {
                    p = p.withConnectionMark((p.ctmark() & ~m.mask()) ^ m.value());
                } else if (t instanceof Target.RestoreMark r) {
                    p = p.withMark((p.mark() & ~r.nfmask()) ^ (p.ctmark() & r.ctmask()));
                }
                steps.add(new Step(chain.table(), chain.name(), Optional.of(rule), "", before, p, notes));
            }
        }
        return new Outcome(Optional.empty(), p);
    }

    private Packet nat(Target.Nat n, Packet p, List<String> notes) {
        if (n.destination()) {
            return p.withDestination(n.address(), n.port() > 0 ? n.port() : p.dport());
        }
        if (n.address().isEmpty()) {
            // MASQUERADE takes the out device's address, which only the route answer knows: the caller fills it in
            notes.add("MASQUERADE: the source becomes the address of " + (p.out().isEmpty() ? "the out device" : p.out()));
            return p.withSource("", p.sport());
        }
        // --random-fully picks the source port; conntrack's reply tuple tells which one
        return p.withSource(n.address(), n.port() > 0 ? n.port() : p.sport());
    }

    private boolean matches(NetfilterRule rule, Packet p, List<String> notes) {
        for (Match m : rule.matches()) {
            Match.Outcome outcome = m.test(p, context);
            if (outcome == Match.Outcome.NO) {
                return false;
            }
            if (outcome == Match.Outcome.UNKNOWN) {
                // saying "no" keeps the walk on the rules it can read; the note tells the learner
                unreadable.add("cannot evaluate '" + m.text() + "' (" + rule.table() + " " + rule.chain() + " rule "
                        + rule.position() + "): taken as not matching");
                return false;
            }
            if (outcome == Match.Outcome.RANDOM) {
                Optional<Boolean> chosen = chosenByConntrack(rule);
                if (chosen.isPresent()) {
                    if (!chosen.get()) {
                        return false;
                    }
                    notes.add("random pick: conntrack shows the kernel chose this endpoint");
                } else {
                    notes.add("random pick in " + rule.chain() + ": no conntrack entry tells which endpoint; shown: the first");
                }
            }
        }
        return true;
    }

    /** Whether the chain a random rule jumps to DNATs to an endpoint conntrack saw; empty when nothing tells. */
    private Optional<Boolean> chosenByConntrack(NetfilterRule rule) {
        if (context.chosenEndpoints().isEmpty() || !(rule.target() instanceof Target.Jump j)) {
            return Optional.empty();
        }
        Optional<Ruleset.Chain> sub = rules.chain(rule.table(), j.name());
        if (sub.isEmpty()) {
            return Optional.empty();
        }
        List<String> dnat = sub.get().rules().stream().map(NetfilterRule::target)
                .filter(t -> t instanceof Target.Nat n && n.destination()).map(t -> ((Target.Nat) t).address()).toList();
        if (dnat.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(dnat.stream().anyMatch(context.chosenEndpoints()::contains));
    }
}
