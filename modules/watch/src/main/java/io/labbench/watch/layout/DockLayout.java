package io.labbench.watch.layout;

import java.util.List;

/**
 * The whole dock: tab panes side by side ({@code vertical} stacks them instead) and the split divider
 * positions between them (fractions 0–1).
 */
public record DockLayout(int version, boolean vertical, List<DockPane> panes, List<Double> dividers) {

    public static final int CURRENT_VERSION = 1;

    public DockLayout {
        panes = panes == null ? List.of() : List.copyOf(panes);
        dividers = dividers == null ? List.of() : List.copyOf(dividers);
    }

    public static DockLayout empty() {
        return new DockLayout(CURRENT_VERSION, false, List.of(), List.of());
    }
}
