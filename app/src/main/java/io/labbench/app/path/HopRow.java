package io.labbench.app.path;

import io.labbench.packetpath.Hop;
import java.util.OptionalLong;

/**
 * One hop as the view shows it now: the hop, its counter's current packets (empty when it has no counter
 * or the counter was not read), what it rose since the previous reading ({@code delta}, which the view
 * highlights) and since the path was traced ({@code sinceTraced}).
 */
public record HopRow(int number, Hop hop, OptionalLong packets, long delta, long sinceTraced) {

    public boolean rose() {
        return delta > 0;
    }

    public String counterText() {
        if (hop.counter().isEmpty()) {
            return "";
        }
        String base = packets.isPresent() ? packets.getAsLong() + " pkts" : "? pkts";
        return delta > 0 ? base + "  +" + delta : sinceTraced > 0 ? base + "  (+" + sinceTraced + " since traced)" : base;
    }
}
