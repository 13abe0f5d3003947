package io.labbench.netparse.snapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares two snapshots row by row, matching rows by key. Text cells that differ are changes; counter
 * cells give deltas and rates (a drop is a reset); time-like cells (AGE, timeouts, positions) are never a
 * change. Columns are taken from both snapshots, the newer one's kinds winning.
 */
public final class SnapshotDiffer {
    private SnapshotDiffer() {
    }

    public static SnapshotDiff diff(Snapshot older, Snapshot newer) {
        Duration interval = Duration.between(older.takenAt(), newer.takenAt());
        double seconds = interval.toNanos() / 1e9;
        Map<String, CellKind> kinds = new LinkedHashMap<>();
        for (Column c : older.columns()) {
            kinds.put(c.name(), c.kind());
        }
        for (Column c : newer.columns()) {
            kinds.put(c.name(), c.kind());
        }
        // Arrays, not the map, in the per-row loop: it runs rows × columns times.
        List<String> compared = new ArrayList<>();
        List<CellKind> comparedKinds = new ArrayList<>();
        for (Map.Entry<String, CellKind> c : kinds.entrySet()) {
            if (c.getValue() != CellKind.TIME) {
                compared.add(c.getKey());
                comparedKinds.add(c.getValue());
            }
        }
        String[] names = compared.toArray(String[]::new);
        CellKind[] columnKinds = comparedKinds.toArray(CellKind[]::new);
        Map<String, Row> olderByKey = new HashMap<>(older.rows().size() * 2);
        for (Row r : older.rows()) {
            olderByKey.put(r.key(), r);
        }
        List<Row> added = new ArrayList<>();
        List<RowChange> changed = new ArrayList<>();
        for (Row now : newer.rows()) {
            Row before = olderByKey.remove(now.key());
            if (before == null) {
                added.add(now);
                continue;
            }
            RowChange change = compare(before, now, names, columnKinds, seconds);
            if (change != null) {
                changed.add(change);
            }
        }
        List<Row> removed = new ArrayList<>();
        for (Row r : older.rows()) {
            if (olderByKey.containsKey(r.key())) {
                removed.add(r);
            }
        }
        return new SnapshotDiff(added, removed, changed, interval);
    }

    /** The change of one row, or null when nothing but time-like cells moved. */
    private static RowChange compare(Row before, Row now, String[] names, CellKind[] kinds, double seconds) {
        List<CellChange> cells = null;
        List<CounterDelta> counters = null;
        boolean counterMoved = false;
        for (int c = 0; c < names.length; c++) {
            CellKind kind = kinds[c];
            String name = names[c];
            String oldValue = before.cell(name);
            String newValue = now.cell(name);
            if (kind == CellKind.TEXT) {
                if (!oldValue.equals(newValue)) {
                    cells = add(cells, new CellChange(name, oldValue, newValue));
                }
                continue;
            }
            if (oldValue.equals(newValue)) {
                // Unchanged counter: reported with delta 0 (for sparklines) only if the row changes otherwise.
                if (!oldValue.isEmpty()) {
                    counters = add(counters, new CounterDelta(name, 0, 0.0, false, isSuffixed(newValue)));
                }
                continue;
            }
            Optional<CounterValue> o = CounterValue.parse(oldValue);
            Optional<CounterValue> n = CounterValue.parse(newValue);
            if (o.isPresent() && n.isPresent()) {
                CounterDelta d = delta(name, o.get(), n.get(), seconds);
                counterMoved |= d.delta() != 0 || d.reset();
                counters = add(counters, d);
            } else {
                // A counter that appeared or vanished (listing with and without -v) is a text change.
                cells = add(cells, new CellChange(name, oldValue, newValue));
            }
        }
        if (cells == null && !counterMoved) {
            return null;
        }
        return new RowChange(now.key(), before, now, cells == null ? List.of() : cells,
                counters == null ? List.of() : counters);
    }

    private static <T> List<T> add(List<T> list, T item) {
        List<T> l = list == null ? new ArrayList<>(4) : list;
        l.add(item);
        return l;
    }

    private static boolean isSuffixed(String counter) {
        char last = counter.charAt(counter.length() - 1);
        return last == 'K' || last == 'M' || last == 'G' || last == 'T';
    }

    private static CounterDelta delta(String column, CounterValue o, CounterValue n, double seconds) {
        boolean approximate = o.approximate() || n.approximate();
        boolean reset = n.value() < o.value();
        if (reset && approximate && o.value() - n.value() <= roundingSlack(o, n)) {
            // 13K then 12999 is the same counter printed two ways, not a reset.
            reset = false;
        }
        long delta = reset ? n.value() : Math.max(0, n.value() - o.value());
        double rate = seconds > 0 ? delta / seconds : 0.0;
        return new CounterDelta(column, delta, rate, reset, approximate);
    }

    /** Half a unit of the coarser suffix: how far a rounded value may be from the exact one. */
    private static long roundingSlack(CounterValue o, CounterValue n) {
        long unit = Math.max(unitOf(o), unitOf(n));
        return unit / 2;
    }

    private static long unitOf(CounterValue v) {
        if (!v.approximate()) {
            return 1;
        }
        long unit = 1000;
        while (unit <= Long.MAX_VALUE / 1000 && v.value() / unit >= 10_000) {
            unit *= 1000;
        }
        return unit;
    }
}
