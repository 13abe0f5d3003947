package io.labbench.app.ui;

import java.util.List;

/**
 * How wide the lab guide, the terminal area and the watch dock start out in a window of a given width.
 * The guide needs room for its prose, step tree and variable names (about 480-600 px), the dock for an
 * iptables table's target, source and comment columns (about 500-640 px); the terminals take the rest,
 * but keep at least 440 px. On 1920 px this gives about 557 | 768 | 595, on 1440 px 418 | 576 | 446.
 */
public record PaneWidths(double lab, double terminals, double dock) {

    private static final double LAB_SHARE = 0.29;
    private static final double DOCK_SHARE = 0.31;
    private static final double TERMINALS_MIN = 440;

    /** The widths for a window {@code width} px wide. */
    public static PaneWidths forWindow(double width) {
        double lab = clamp(width * LAB_SHARE, 380, 600);
        double dock = clamp(width * DOCK_SHARE, 420, 640);
        double terminals = width - lab - dock;
        if (terminals < TERMINALS_MIN) {
            // A small window: the side columns give way evenly, but never below a readable 300 px.
            double missing = TERMINALS_MIN - terminals;
            lab = Math.max(300, lab - missing / 2);
            dock = Math.max(300, dock - missing / 2);
            terminals = Math.max(0, width - lab - dock);
        }
        return new PaneWidths(lab, terminals, dock);
    }

    /** The main split's two divider positions (fractions of the width) for these widths. */
    public List<Double> dividers() {
        double width = lab + terminals + dock;
        return List.of(lab / width, (lab + terminals) / width);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
