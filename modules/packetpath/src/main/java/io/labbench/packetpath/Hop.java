package io.labbench.packetpath;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One step of a packet's way. {@code machine} is the node ({@code worker1}), pod ({@code pod/default/pod-1})
 * or fabric ({@code vpc}) where it happens; {@code stage} says when ({@code PREROUTING}, {@code routing});
 * {@code object} what handled it ({@code nat AWS-SNAT-CHAIN-0}, {@code ip rule 512}, {@code ens5});
 * {@code matched} the rule or route that matched as the tool prints it; {@code packet} the addresses after
 * the hop. {@code counter} names the counter that counts the hop, {@code packets} its value when resolved.
 * {@code drops} marks a hop whose verdict drops or rejects; {@code showCommand} is what a learner runs on
 * {@code machine} to see it. {@code choices} lists, on the rule of a Service chain that picked an endpoint,
 * every endpoint that chain could have picked (empty on other hops). {@code unobservable}, when present, says
 * why this hop's handling cannot be read on the backend (on AWS: the VPC router, the NLB's internals), so the
 * hop is derived from the cluster state rather than read from the machine.
 */
public record Hop(Direction direction, String machine, HopKind kind, String stage, String object, String matched,
                  String packet, Optional<Rewrite> rewrite, Optional<CounterId> counter, OptionalLong packets,
                  boolean drops, List<String> notes, String showCommand, List<Choice> choices,
                  Optional<String> unobservable) {
    public Hop {
        notes = List.copyOf(notes);
        choices = List.copyOf(choices);
    }

    /** A hop read from its machine. */
    public Hop(Direction direction, String machine, HopKind kind, String stage, String object, String matched,
               String packet, Optional<Rewrite> rewrite, Optional<CounterId> counter, OptionalLong packets,
               boolean drops, List<String> notes, String showCommand, List<Choice> choices) {
        this(direction, machine, kind, stage, object, matched, packet, rewrite, counter, packets, drops, notes, showCommand,
                choices, Optional.empty());
    }

    /** The same hop, marked as not observable on this backend for {@code reason}. */
    public Hop unobservable(String reason) {
        return new Hop(direction, machine, kind, stage, object, matched, packet, rewrite, counter, packets, drops, notes,
                showCommand, choices, Optional.of(reason));
    }

    /** A hop that picks nothing. */
    public Hop(Direction direction, String machine, HopKind kind, String stage, String object, String matched,
               String packet, Optional<Rewrite> rewrite, Optional<CounterId> counter, OptionalLong packets,
               boolean drops, List<String> notes, String showCommand) {
        this(direction, machine, kind, stage, object, matched, packet, rewrite, counter, packets, drops, notes, showCommand,
                List.of());
    }
}
