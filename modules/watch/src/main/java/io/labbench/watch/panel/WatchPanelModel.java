package io.labbench.watch.panel;

import io.labbench.netparse.snapshot.Snapshot;
import io.labbench.netparse.snapshot.SnapshotDiff;
import io.labbench.watch.WatchDefinition;
import io.labbench.watch.compare.HighlightedLine;
import io.labbench.watch.compare.RawTextHighlighter;
import io.labbench.watch.export.ExportFormat;
import io.labbench.watch.export.WatchExporter;
import io.labbench.watch.history.TimelineMark;
import io.labbench.watch.history.WatchHistory;
import io.labbench.watch.history.WatchPoint;
import io.labbench.watch.run.WatchListener;
import io.labbench.watch.run.WatchOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The plain-Java state behind one watch panel. It hears each run's outcome, keeps the history, and
 * publishes a fresh {@link PanelState} to its listeners after every change, on the thread that caused
 * it (a runner thread, or the caller's): listeners that draw must hop to their UI thread themselves.
 */
public final class WatchPanelModel implements WatchListener {

    private final WatchHistory history;
    private final PanelStateBuilder builder = new PanelStateBuilder();
    private final List<Consumer<PanelState>> listeners = new CopyOnWriteArrayList<>();

    private WatchDefinition definition;
    private RunStatus status = RunStatus.WAITING;
    private Optional<String> problem = Optional.empty();
    private Optional<Long> pinnedSequence = Optional.empty();
    private PanelState state;

    public WatchPanelModel(WatchDefinition definition, int historyCapacity) {
        this.definition = definition;
        this.history = new WatchHistory(historyCapacity);
        this.state = build();
    }

    public WatchPanelModel(WatchDefinition definition) {
        this(definition, WatchHistory.DEFAULT_CAPACITY);
    }

    /** Calls {@code listener} with the current state now and after every change. */
    public void addListener(Consumer<PanelState> listener) {
        listeners.add(listener);
        listener.accept(state());
    }

    public void removeListener(Consumer<PanelState> listener) {
        listeners.remove(listener);
    }

    public synchronized PanelState state() {
        return state;
    }

    @Override
    public void outcome(WatchOutcome outcome) {
        synchronized (this) {
            if (outcome instanceof WatchOutcome.Refreshed refreshed) {
                history.add(refreshed.rawText(), refreshed.snapshot());
                problem = Optional.empty();
                if (status != RunStatus.PAUSED) {
                    status = RunStatus.LIVE;
                }
            } else if (outcome instanceof WatchOutcome.CommandFailed failed) {
                problem = Optional.of(failed.describe());
                if (status != RunStatus.PAUSED) {
                    status = RunStatus.FAILING;
                }
            } else if (outcome instanceof WatchOutcome.Abandoned abandoned) {
                problem = Optional.of(abandoned.describe());
                if (status != RunStatus.PAUSED) {
                    status = RunStatus.FAILING;
                }
            } else if (outcome instanceof WatchOutcome.NotRun notRun) {
                problem = Optional.of(notRun.describe());
                if (status != RunStatus.PAUSED) {
                    status = notRun.stale() ? RunStatus.STALE : RunStatus.FAILING;
                }
            }
        }
        publish();
    }

    /** The panel was paused or resumed (the runner itself is told separately). */
    public void setPaused(boolean paused) {
        synchronized (this) {
            if (paused) {
                status = RunStatus.PAUSED;
            } else if (status == RunStatus.PAUSED) {
                status = history.isEmpty() ? RunStatus.WAITING : RunStatus.LIVE;
            }
        }
        publish();
    }

    public void setDefinition(WatchDefinition changed) {
        synchronized (this) {
            definition = changed;
        }
        publish();
    }

    /** Puts a mark on the timeline, e.g. when counters were zeroed. */
    public void mark(Instant at, String label) {
        synchronized (this) {
            history.mark(new TimelineMark(at, label));
        }
        publish();
    }

    /** Shows point {@code index} of the history and stops following new refreshes. */
    public void showPoint(int index) {
        synchronized (this) {
            if (index >= history.size() - 1) {
                pinnedSequence = Optional.empty();
            } else {
                pinnedSequence = Optional.of(history.get(Math.max(0, index)).sequence());
            }
        }
        publish();
    }

    /** Follows new refreshes again. */
    public void showLive() {
        synchronized (this) {
            pinnedSequence = Optional.empty();
        }
        publish();
    }

    /** What changed from history point {@code from} to {@code to}, both indexes into the current history. */
    public synchronized ComparedPoints compare(int from, int to) {
        WatchPoint older = history.get(from);
        WatchPoint newer = history.get(to);
        SnapshotDiff diff = history.compare(from, to);
        return new ComparedPoints(definition, older.at(), newer.at(), newer.snapshot().columns(), diff);
    }

    /** The snapshot currently shown, if any output arrived yet. */
    public synchronized Optional<Snapshot> shownSnapshot() {
        return shownIndex().map(i -> history.get(i).snapshot());
    }

    /**
     * Homework evidence: the shown snapshot and, when there is a point before it, what changed since
     * that point (added/removed rows, changed cells, counter deltas); empty before the first output.
     */
    public synchronized Optional<String> snapshotText(ExportFormat format) {
        Optional<Integer> shown = shownIndex();
        if (shown.isEmpty()) {
            return Optional.empty();
        }
        int index = shown.get();
        String text = WatchExporter.snapshot(definition, history.get(index).snapshot(), format);
        if (index > 0) {
            text += "\n" + WatchExporter.diff(compare(index - 1, index), format);
        }
        return Optional.of(text);
    }

    public synchronized List<WatchPoint> historyPoints() {
        return history.points();
    }

    private void publish() {
        PanelState current;
        synchronized (this) {
            state = build();
            current = state;
        }
        for (Consumer<PanelState> listener : listeners) {
            listener.accept(current);
        }
    }

    private Optional<Integer> shownIndex() {
        if (history.isEmpty()) {
            return Optional.empty();
        }
        if (pinnedSequence.isPresent()) {
            List<WatchPoint> points = history.points();
            for (int i = 0; i < points.size(); i++) {
                if (points.get(i).sequence() == pinnedSequence.get()) {
                    return Optional.of(i);
                }
            }
            // The pinned point fell out of the history: show the oldest one kept.
            return Optional.of(0);
        }
        return Optional.of(history.size() - 1);
    }

    private PanelState build() {
        List<Instant> times = new ArrayList<>(history.size());
        List<WatchPoint> points = history.points();
        for (WatchPoint p : points) {
            times.add(p.at());
        }
        Optional<Integer> shown = shownIndex();
        if (shown.isEmpty()) {
            return new PanelState(definition, status, problem, List.of(), List.of(), List.of(), Optional.empty(),
                    -1, true, times, history.marks(), List.of());
        }
        int index = shown.get();
        WatchPoint point = points.get(index);
        List<HighlightedLine> raw = index > 0
                ? RawTextHighlighter.highlight(points.get(index - 1).rawText(), point.rawText())
                : RawTextHighlighter.plain(point.rawText());
        return new PanelState(definition, status, problem, point.snapshot().columns(), builder.rows(points, index),
                raw, Optional.of(point.at()), index, pinnedSequence.isEmpty(), times, history.marks(),
                point.snapshot().diagnostics());
    }
}
