package io.labbench.watch.layout;

import java.util.List;

/** One tab pane of the dock: its panels in tab order and the selected tab. */
public record DockPane(List<OpenWatch> tabs, int selected) {
    public DockPane {
        tabs = tabs == null ? List.of() : List.copyOf(tabs);
    }
}
