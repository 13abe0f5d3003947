package io.labbench.packetpath;

import java.util.List;
import java.util.Optional;

/**
 * A resolved flow: its hops in order (forward, then the reply), how it ends, and what the resolver could
 * not know and why ({@code notes}).
 */
public record PacketPath(Flow flow, List<Hop> hops, Outcome outcome, List<String> notes) {

    /** How the forward direction ended. */
    public enum Outcome { DELIVERED, LEFT_THE_LAB, DROPPED, UNRESOLVED }

    public PacketPath {
        hops = List.copyOf(hops);
        notes = List.copyOf(notes);
    }

    public List<Hop> hops(Direction direction) {
        return hops.stream().filter(h -> h.direction() == direction).toList();
    }

    public List<CounterId> counters() {
        return hops.stream().map(Hop::counter).flatMap(Optional::stream).distinct().toList();
    }

    public List<String> machines() {
        return hops.stream().map(Hop::machine).distinct().toList();
    }
}
