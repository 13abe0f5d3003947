package io.labbench.app.path;

import io.labbench.packetpath.Direction;
import io.labbench.packetpath.Hop;
import io.labbench.packetpath.PacketPath;
import java.util.ArrayList;
import java.util.List;

/**
 * The path as an SVG picture, drawn the way the view draws it: a lane per machine visit (forward, then
 * reply), hop boxes left to right with arrows, rewrites in orange, counters that rose in green, dropping
 * hops in red, and the notes below. Plain text out, so it needs no screen.
 */
public final class PathSvg {
    private static final int BOX_W = 230;
    private static final int BOX_H = 78;
    private static final int GAP = 26;
    private static final int LANE_LABEL = 150;
    private static final int PER_ROW = 6;

    private PathSvg() {
    }

    public static String render(PacketPath path, List<HopRow> rows) {
        List<List<HopRow>> lanes = lanes(rows);
        int width = LANE_LABEL + PER_ROW * (BOX_W + GAP) + 20;
        StringBuilder body = new StringBuilder();
        int y = 50;
        Direction last = null;
        for (List<HopRow> lane : lanes) {
            Hop first = lane.get(0).hop();
            if (first.direction() != last) {
                last = first.direction();
                body.append(text(10, y, last == Direction.FORWARD ? "forward" : "reply", 15, "#334", "bold"));
                y += 14;
            }
            int laneRows = (lane.size() + PER_ROW - 1) / PER_ROW;
            body.append(text(10, y + 24, first.machine(), 13, "#223", "bold"));
            for (int i = 0; i < lane.size(); i++) {
                int x = LANE_LABEL + (i % PER_ROW) * (BOX_W + GAP);
                int by = y + (i / PER_ROW) * (BOX_H + 12);
                body.append(box(x, by, lane.get(i)));
                if (i % PER_ROW != PER_ROW - 1 && i + 1 < lane.size()) {
                    int ax = x + BOX_W;
                    body.append("<line x1=\"").append(ax + 2).append("\" y1=\"").append(by + BOX_H / 2).append("\" x2=\"")
                            .append(ax + GAP - 4).append("\" y2=\"").append(by + BOX_H / 2)
                            .append("\" stroke=\"#667\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n");
                }
            }
            y += laneRows * (BOX_H + 12) + 14;
        }
        if (!path.notes().isEmpty()) {
            body.append(text(10, y + 10, "What it could not know", 13, "#334", "bold"));
            y += 28;
            for (String note : path.notes()) {
                body.append(text(18, y, "• " + note, 11, "#445", "normal"));
                y += 16;
            }
        }
        int height = y + 20;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height + "\" viewBox=\"0 0 "
                + width + " " + height + "\" font-family=\"DejaVu Sans, sans-serif\">\n"
                + "<defs><marker id=\"arrow\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\" refY=\"4\" orient=\"auto\">"
                + "<path d=\"M0,0 L8,4 L0,8 z\" fill=\"#667\"/></marker></defs>\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
                + text(10, 24, path.flow().label() + " — " + path.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                16, "#112", "bold")
                + body + "</svg>\n";
    }

    /** Consecutive hops on the same machine in the same direction. */
    static List<List<HopRow>> lanes(List<HopRow> rows) {
        List<List<HopRow>> lanes = new ArrayList<>();
        for (HopRow r : rows) {
            List<HopRow> lane = lanes.isEmpty() ? null : lanes.get(lanes.size() - 1);
            if (lane == null || !lane.get(0).hop().machine().equals(r.hop().machine())
                    || lane.get(0).hop().direction() != r.hop().direction()) {
                lane = new ArrayList<>();
                lanes.add(lane);
            }
            lane.add(r);
        }
        return lanes;
    }

    private static String box(int x, int y, HopRow r) {
        Hop h = r.hop();
        String stroke = h.drops() ? "#c62828" : r.rose() ? "#2e7d32" : "#8a94a6";
        String fill = h.drops() ? "#fdecea" : r.rose() ? "#e8f5e9" : "#f6f8fb";
        StringBuilder b = new StringBuilder();
        b.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(BOX_W).append("\" height=\"")
                .append(BOX_H).append("\" rx=\"6\" fill=\"").append(fill).append("\" stroke=\"").append(stroke)
                .append("\" stroke-width=\"").append(r.rose() || h.drops() ? 2.5 : 1).append("\"/>\n");
        b.append(text(x + 8, y + 16, r.number() + ". " + cut(h.object(), 30), 11, "#112", "bold"));
        b.append(text(x + 8, y + 32, cut(h.matched(), 38), 10, "#334", "normal"));
        h.rewrite().ifPresent(w -> b.append(text(x + 8, y + 48, cut(w.toString(), 38), 10, "#b35c00", "bold")));
        if (!r.counterText().isEmpty()) {
            b.append(text(x + 8, y + 66, r.counterText(), 10, r.rose() ? "#1b5e20" : "#556", r.rose() ? "bold" : "normal"));
        } else if (h.drops()) {
            b.append(text(x + 8, y + 66, "drops", 10, "#c62828", "bold"));
        } else if (h.unobservable().isPresent()) {
            b.append(text(x + 8, y + 66, "not observable on this backend", 10, "#6a5acd", "normal"));
        }
        return b.toString();
    }

    private static String cut(String s, int max) {
        String one = s.replace('\t', ' ');
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    private static String text(int x, int y, String s, int size, String color, String weight) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"" + size + "\" fill=\"" + color + "\" font-weight=\"" + weight
                + "\">" + escape(s) + "</text>\n";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
