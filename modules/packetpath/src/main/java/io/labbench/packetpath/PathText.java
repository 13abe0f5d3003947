package io.labbench.packetpath;

import java.util.Map;

/** A path as text, one hop a line, for the command line and for test failure messages. */
public final class PathText {
    private PathText() {
    }

    public static String render(PacketPath path) {
        return render(path, Map.of());
    }

    /** {@code deltas}: how much each counter rose since the previous reading (shown as {@code +N}). */
    public static String render(PacketPath path, Map<CounterId, Long> deltas) {
        StringBuilder b = new StringBuilder();
        b.append(path.flow().label()).append(": ").append(path.outcome().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ')).append('\n');
        Direction last = null;
        int n = 0;
        for (Hop h : path.hops()) {
            if (h.direction() != last) {
                b.append(h.direction() == Direction.FORWARD ? "forward\n" : "reply\n");
                last = h.direction();
            }
            n++;
            b.append(String.format("%3d  %-18s %-11s %-34s %s", n, h.machine(), h.stage(), h.object(), h.matched()));
            h.rewrite().ifPresent(r -> b.append("   [").append(r).append(']'));
            if (h.counter().isPresent()) {
                b.append("   pkts ").append(h.packets().isPresent() ? Long.toString(h.packets().getAsLong()) : "?");
                Long d = deltas.get(h.counter().get());
                if (d != null && d > 0) {
                    b.append(" (+").append(d).append(')');
                }
            }
            if (h.drops()) {
                b.append("   DROPS");
            }
            b.append('\n');
            h.unobservable().ifPresent(why -> b.append("                  not observable: ").append(why).append('\n'));
            for (Choice c : h.choices()) {
                b.append("                  may pick: ").append(c).append('\n');
            }
            for (String note : h.notes()) {
                b.append("                  note: ").append(note).append('\n');
            }
        }
        if (!path.notes().isEmpty()) {
            b.append("what it could not know:\n");
            path.notes().forEach(note -> b.append("  - ").append(note).append('\n'));
        }
        return b.toString();
    }
}
