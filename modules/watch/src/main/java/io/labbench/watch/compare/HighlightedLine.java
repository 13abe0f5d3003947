package io.labbench.watch.compare;

import java.util.List;

/** One line of raw output with the character runs that differ from the previous refresh. */
public record HighlightedLine(String text, List<TextSpan> changed) {
    public HighlightedLine {
        changed = List.copyOf(changed);
    }

    public boolean hasChanges() {
        return !changed.isEmpty();
    }
}
