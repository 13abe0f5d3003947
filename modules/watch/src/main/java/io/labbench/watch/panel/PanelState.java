package io.labbench.watch.panel;

import io.labbench.netparse.Diagnostic;
import io.labbench.netparse.snapshot.Column;
import io.labbench.watch.WatchDefinition;
import io.labbench.watch.compare.HighlightedLine;
import io.labbench.watch.history.TimelineMark;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything a watch panel draws at one moment.
 *
 * @param status        the header badge
 * @param problem       why the last run failed (exit code and stderr, or the connection problem)
 * @param columns       the table's columns
 * @param rows          current rows plus rows removed this refresh (marked {@link RowMark#REMOVED})
 * @param rawLines      the output as printed, with {@code watch -d} character highlights
 * @param shownAt       when the shown point was taken (empty before the first output)
 * @param shownIndex    index of the shown point in history, {@code historySize − 1} when live
 * @param live          whether the panel follows new refreshes (false while scrubbing history)
 * @param historyTimes  when each kept point was taken, oldest first, for the scrubber
 * @param marks         timeline marks such as "counters zeroed"
 * @param diagnostics   lines of the shown output the parser could not read
 */
public record PanelState(WatchDefinition definition, RunStatus status, Optional<String> problem,
                         List<Column> columns, List<RowView> rows, List<HighlightedLine> rawLines,
                         Optional<Instant> shownAt, int shownIndex, boolean live, List<Instant> historyTimes,
                         List<TimelineMark> marks, List<Diagnostic> diagnostics) {
    public PanelState {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        rawLines = List.copyOf(rawLines);
        historyTimes = List.copyOf(historyTimes);
        marks = List.copyOf(marks);
        diagnostics = List.copyOf(diagnostics);
    }

    public int historySize() {
        return historyTimes.size();
    }

    public Optional<RowView> row(String key) {
        return rows.stream().filter(r -> r.key().equals(key)).findFirst();
    }
}
