package io.labbench.watch.panel;

import io.labbench.netparse.snapshot.CellChange;
import io.labbench.netparse.snapshot.CellKind;
import io.labbench.netparse.snapshot.Column;
import io.labbench.netparse.snapshot.CounterDelta;
import io.labbench.netparse.snapshot.CounterValue;
import io.labbench.netparse.snapshot.Row;
import io.labbench.netparse.snapshot.RowChange;
import io.labbench.netparse.snapshot.SnapshotDiff;
import io.labbench.watch.history.WatchPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the rows of one history point from the points before it: a cell's highlight age is how many
 * refreshes ago its value changed (looking back {@link #FADE_REFRESHES}), a new row is marked for as
 * long, rows removed by this refresh are kept (struck through) for this refresh only, and each counter
 * gets its delta, rate and the last {@link #SPARKLINE_POINTS} rates. Stateless apart from a small cache
 * of diff indexes, so scrubbing back in history gives exactly what was shown live.
 */
public final class PanelStateBuilder {

    /** How many refreshes a change stays highlighted, fading each time. */
    public static final int FADE_REFRESHES = 4;
    public static final int SPARKLINE_POINTS = 30;

    private final Map<Long, DiffIndex> indexCache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, DiffIndex> eldest) {
            return size() > SPARKLINE_POINTS + FADE_REFRESHES + 4;
        }
    };

    /** The rows shown for {@code points.get(index)}. */
    public List<RowView> rows(List<WatchPoint> points, int index) {
        WatchPoint point = points.get(index);
        List<Column> columns = point.snapshot().columns();
        List<DiffIndex> lookback = new ArrayList<>();
        // Only diffs whose older point is still kept: the oldest point's diff points at a dropped one.
        for (int back = 0; back < Math.max(FADE_REFRESHES, SPARKLINE_POINTS) && index - back >= 1; back++) {
            WatchPoint p = points.get(index - back);
            if (p.sincePrevious().isEmpty()) {
                break;
            }
            lookback.add(index(p));
        }
        List<RowView> rows = new ArrayList<>(point.snapshot().rows().size() + 8);
        for (Row row : point.snapshot().rows()) {
            rows.add(rowView(row, columns, lookback));
        }
        if (!lookback.isEmpty()) {
            insertRemoved(rows, lookback.get(0), points.get(index - 1).snapshot().rows(), columns);
        }
        return rows;
    }

    private RowView rowView(Row row, List<Column> columns, List<DiffIndex> lookback) {
        int addedAge = CellView.UNCHANGED;
        for (int back = 0; back < Math.min(FADE_REFRESHES, lookback.size()); back++) {
            if (lookback.get(back).added.contains(row.key())) {
                addedAge = back;
                break;
            }
        }
        boolean seenBefore = !lookback.isEmpty() && !lookback.get(0).added.contains(row.key());
        List<CellView> cells = new ArrayList<>(columns.size());
        for (Column column : columns) {
            String value = row.cell(column.name());
            int age = addedAge == CellView.UNCHANGED ? changeAge(row.key(), column, lookback) : CellView.UNCHANGED;
            Optional<CounterView> counter = column.kind() == CellKind.COUNTER
                    ? Optional.of(counterView(row.key(), column.name(), value, seenBefore, lookback))
                    : Optional.empty();
            cells.add(new CellView(column.name(), value, age, counter));
        }
        RowMark mark = addedAge == CellView.UNCHANGED ? RowMark.NONE : RowMark.NEW;
        return new RowView(row.key(), mark, addedAge, cells);
    }

    private static int changeAge(String key, Column column, List<DiffIndex> lookback) {
        if (column.kind() == CellKind.TIME) {
            return CellView.UNCHANGED;
        }
        for (int back = 0; back < Math.min(FADE_REFRESHES, lookback.size()); back++) {
            RowChange change = lookback.get(back).changed.get(key);
            if (change == null) {
                if (lookback.get(back).added.contains(key)) {
                    return CellView.UNCHANGED;
                }
                continue;
            }
            if (column.kind() == CellKind.TEXT && hasCellChange(change, column.name())) {
                return back;
            }
            if (column.kind() == CellKind.COUNTER && counterMoved(change, column.name())) {
                return back;
            }
        }
        return CellView.UNCHANGED;
    }

    private static CounterView counterView(String key, String column, String value, boolean seenBefore,
                                           List<DiffIndex> lookback) {
        boolean approximate = CounterValue.parse(value).map(CounterValue::approximate).orElse(false);
        if (!seenBefore) {
            return new CounterView(false, 0, 0, false, approximate, List.of());
        }
        CounterDelta latest = counterDelta(lookback.get(0), key, column).orElse(null);
        List<Double> series = new ArrayList<>();
        for (int back = 0; back < Math.min(SPARKLINE_POINTS, lookback.size()); back++) {
            DiffIndex diff = lookback.get(back);
            if (diff.added.contains(key)) {
                break;
            }
            series.add(0, counterDelta(diff, key, column).map(CounterDelta::ratePerSecond).orElse(0.0));
        }
        if (latest == null) {
            return new CounterView(true, 0, 0, false, approximate, series);
        }
        return new CounterView(true, latest.delta(), latest.ratePerSecond(), latest.reset(),
                approximate || latest.approximate(), series);
    }

    private static Optional<CounterDelta> counterDelta(DiffIndex diff, String key, String column) {
        RowChange change = diff.changed.get(key);
        if (change == null) {
            return Optional.empty();
        }
        for (CounterDelta counter : change.counters()) {
            if (counter.column().equals(column)) {
                return Optional.of(counter);
            }
        }
        return Optional.empty();
    }

    private static boolean hasCellChange(RowChange change, String column) {
        for (CellChange cell : change.cells()) {
            if (cell.column().equals(column)) {
                return true;
            }
        }
        return false;
    }

    private static boolean counterMoved(RowChange change, String column) {
        for (CounterDelta counter : change.counters()) {
            if (counter.column().equals(column)) {
                return counter.delta() != 0 || counter.reset();
            }
        }
        return hasCellChange(change, column);
    }

    /** Removed rows go back where they were: after the row that preceded them in the older snapshot. */
    private static void insertRemoved(List<RowView> rows, DiffIndex latest, List<Row> olderRows,
                                      List<Column> columns) {
        if (latest.removed.isEmpty()) {
            return;
        }
        Map<String, Row> removed = new LinkedHashMap<>();
        for (Row row : latest.removed) {
            removed.put(row.key(), row);
        }
        Map<String, List<RowView>> after = new HashMap<>();
        List<RowView> atTop = new ArrayList<>();
        String anchor = null;
        for (Row row : olderRows) {
            Row gone = removed.get(row.key());
            if (gone == null) {
                anchor = row.key();
                continue;
            }
            RowView view = struckRow(gone, columns);
            if (anchor == null) {
                atTop.add(view);
            } else {
                after.computeIfAbsent(anchor, k -> new ArrayList<>()).add(view);
            }
        }
        List<RowView> merged = new ArrayList<>(rows.size() + removed.size());
        merged.addAll(atTop);
        for (RowView row : rows) {
            merged.add(row);
            merged.addAll(after.getOrDefault(row.key(), List.of()));
        }
        rows.clear();
        rows.addAll(merged);
    }

    private static RowView struckRow(Row row, List<Column> columns) {
        List<CellView> cells = new ArrayList<>(columns.size());
        for (Column column : columns) {
            cells.add(new CellView(column.name(), row.cell(column.name()), CellView.UNCHANGED, Optional.empty()));
        }
        return new RowView(row.key(), RowMark.REMOVED, 0, cells);
    }

    private DiffIndex index(WatchPoint point) {
        synchronized (indexCache) {
            return indexCache.computeIfAbsent(point.sequence(), s -> new DiffIndex(point.sincePrevious().orElseThrow()));
        }
    }

    /** A diff with its rows looked up by key. */
    private static final class DiffIndex {
        final Set<String> added = new HashSet<>();
        final Map<String, RowChange> changed = new HashMap<>();
        final List<Row> removed;

        DiffIndex(SnapshotDiff diff) {
            for (Row row : diff.added()) {
                added.add(row.key());
            }
            for (RowChange change : diff.changed()) {
                changed.put(change.key(), change);
            }
            removed = diff.removed();
        }
    }
}
