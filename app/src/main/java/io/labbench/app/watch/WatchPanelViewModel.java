package io.labbench.app.watch;

import io.labbench.netparse.snapshot.Column;
import io.labbench.sessions.CommandResult;
import io.labbench.sessions.CommandRunnerProvider;
import io.labbench.watch.WatchDefinition;
import io.labbench.watch.export.ExportFormat;
import io.labbench.watch.export.WatchExporter;
import io.labbench.watch.panel.ComparedPoints;
import io.labbench.watch.panel.PanelState;
import io.labbench.watch.panel.RowView;
import io.labbench.watch.panel.RunStatus;
import io.labbench.watch.panel.WatchPanelModel;
import io.labbench.watch.run.SnapshotReader;
import io.labbench.watch.run.WatchRunner;
import io.labbench.watch.run.WatchScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * One watch panel's state for the view: the runner and the plain-Java panel model underneath, their
 * output marshalled onto the UI thread (several refreshes that arrive while the UI is busy collapse
 * into the newest), a regex filter, the history scrubber and the actions. Every property is read and
 * written on the UI thread; nothing here blocks it.
 */
public final class WatchPanelViewModel implements AutoCloseable {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final WatchRunner runner;
    private final WatchPanelModel model;
    private final Executor uiThread;
    private final AtomicReference<PanelState> pending = new AtomicReference<>();

    private final ReadOnlyObjectWrapper<PanelState> state = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<Column>> columns = new ReadOnlyObjectWrapper<>(List.of());
    private final ObservableList<WatchRow> rows = FXCollections.observableArrayList();
    private final FilteredList<WatchRow> visibleRows = new FilteredList<>(rows, r -> true);
    private final BooleanProperty shown = new SimpleBooleanProperty(true);
    private List<RowView> rowsWhileHidden;
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper filterError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("waiting for the first output");
    private final ReadOnlyObjectWrapper<RunStatus> status = new ReadOnlyObjectWrapper<>(RunStatus.WAITING);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<Duration> interval = new SimpleObjectProperty<>();
    private final BooleanProperty rawMode = new SimpleBooleanProperty(false);
    private final ReadOnlyIntegerWrapper historySize = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper shownIndex = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(true);
    private final IntegerProperty refreshCount = new SimpleIntegerProperty(0);
    private Optional<Pattern> rowFilter = Optional.empty();

    public WatchPanelViewModel(WatchDefinition definition, CommandRunnerProvider runners, SnapshotReader reader,
                               WatchScheduler scheduler, Executor uiThread) {
        this.uiThread = uiThread;
        this.model = new WatchPanelModel(definition);
        this.runner = new WatchRunner(definition, runners, reader, scheduler, model, Clock.systemUTC());
        this.interval.set(definition.interval());
        this.filter.set(definition.defaultFilter());
        filter.addListener((obs, old, now) -> applyFilter(now));
        applyFilter(filter.get());
        shown.addListener((obs, was, now) -> {
            if (now && rowsWhileHidden != null) {
                replaceRows(rowsWhileHidden);
                rowsWhileHidden = null;
            }
        });
        model.addListener(this::stateArrived);
    }

    /** Starts refreshing (or stays paused when the saved layout said so). */
    public void start(boolean startPaused) {
        if (startPaused) {
            pause();
            runner.refreshNow();
        } else {
            resume();
        }
    }

    public WatchDefinition definition() {
        return runner.definition();
    }

    public ReadOnlyObjectProperty<PanelState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Column>> columnsProperty() {
        return columns.getReadOnlyProperty();
    }

    /** The rows that pass the filter now, in snapshot order: what the table shows (before its own sorting). */
    public List<RowView> visibleRows() {
        return visibleRows.stream().map(WatchRow::row).toList();
    }

    /** The table's items: rows that pass the filter, each the same object across refreshes. */
    ObservableList<WatchRow> tableRows() {
        return visibleRows;
    }

    /**
     * Whether the panel is on screen (its tab selected). A hidden panel keeps refreshing its history,
     * status and counters, but its table rows are brought up to date only when it is shown again.
     */
    public BooleanProperty shownProperty() {
        return shown;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyStringProperty filterErrorProperty() {
        return filterError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    public ObjectProperty<Duration> intervalProperty() {
        return interval;
    }

    public BooleanProperty rawModeProperty() {
        return rawMode;
    }

    public ReadOnlyIntegerProperty historySizeProperty() {
        return historySize.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty shownIndexProperty() {
        return shownIndex.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
    }

    /** How many states the UI has applied: lets benchmarks and tests see a refresh land. */
    public IntegerProperty refreshCountProperty() {
        return refreshCount;
    }

    /** The raw output lines of the shown point that pass the filter (the raw view greps like the table). */
    public List<io.labbench.watch.compare.HighlightedLine> visibleRawLines() {
        PanelState shown = state.get();
        if (shown == null) {
            return List.of();
        }
        if (rowFilter.isEmpty()) {
            return shown.rawLines();
        }
        Pattern pattern = rowFilter.get();
        return shown.rawLines().stream().filter(line -> pattern.matcher(line.text()).find()).toList();
    }

    public boolean canZeroCounters() {
        return definition().zeroCounters().isPresent();
    }

    public void pause() {
        runner.pause();
        model.setPaused(true);
        paused.set(true);
    }

    public void resume() {
        model.setPaused(false);
        runner.resume();
        paused.set(false);
    }

    public void togglePause() {
        if (paused.get()) {
            resume();
        } else {
            pause();
        }
    }

    public void refreshNow() {
        runner.refreshNow();
    }

    /** Changes the interval; returns what was wrong with it instead of throwing. */
    public Optional<String> changeInterval(Duration newInterval) {
        try {
            runner.setInterval(newInterval);
            model.setDefinition(runner.definition());
            interval.set(newInterval);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Runs {@code iptables -Z} for this watch's table or chain and marks the timeline. Completes (on
     * the UI thread) with a sentence for the status line, success or not.
     */
    public CompletableFuture<String> zeroCounters() {
        CompletableFuture<String> done = new CompletableFuture<>();
        String what = definition().zeroCounters().map(t -> t.describe()).orElse("nothing");
        runner.zeroCounters().whenComplete((CommandResult result, Throwable failure) -> {
            String message;
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                message = "Could not zero counters of " + what + ": " + cause.getMessage();
            } else if (!result.succeeded()) {
                message = "Zeroing counters of " + what + " failed with exit code " + result.exitCode() + ": "
                        + result.stderr().strip();
            } else {
                Instant at = Instant.now();
                model.mark(at, "zeroed counters of " + what);
                message = "Zeroed counters of " + what + " at " + CLOCK.format(at);
            }
            uiThread.execute(() -> done.complete(message));
        });
        return done;
    }

    /** Shows history point {@code index}; the last index follows live refreshes again. */
    public void showPoint(int index) {
        model.showPoint(index);
    }

    public void showLive() {
        model.showLive();
    }

    public ComparedPoints compare(int from, int to) {
        return model.compare(from, to);
    }

    /** The shown snapshot as text or Markdown, or empty before the first output. */
    public Optional<String> exportShown(ExportFormat format) {
        return model.shownSnapshot().map(s -> WatchExporter.snapshot(definition(), s, format));
    }

    /** The shown snapshot and what changed since the point before it, for homework evidence. */
    public Optional<String> snapshotText(ExportFormat format) {
        return model.snapshotText(format);
    }

    public String exportComparison(int from, int to, ExportFormat format) {
        return WatchExporter.diff(compare(from, to), format);
    }

    /** A file name for an export of what is shown now. */
    public String exportFileName(String extension) {
        Instant at = Optional.ofNullable(state.get()).flatMap(PanelState::shownAt).orElse(Instant.now());
        return WatchExporter.fileName(definition(), at, extension);
    }

    /** Stops the runner; the panel is going away. */
    @Override
    public void close() {
        runner.close();
    }

    /** The plain-Java model, for a side-by-side view that follows the same watch. */
    WatchPanelModel model() {
        return model;
    }

    private void stateArrived(PanelState newState) {
        if (pending.getAndSet(newState) == null) {
            uiThread.execute(() -> {
                PanelState latest = pending.getAndSet(null);
                if (latest != null) {
                    apply(latest);
                }
            });
        }
    }

    private void apply(PanelState newState) {
        if (!newState.columns().equals(columns.get())) {
            columns.set(newState.columns());
        }
        replaceRows(newState.rows());
        status.set(newState.status());
        problem.set(newState.problem().orElse(""));
        historySize.set(newState.historySize());
        shownIndex.set(newState.shownIndex());
        live.set(newState.live());
        statusText.set(describe(newState));
        state.set(newState);
        refreshCount.set(refreshCount.get() + 1);
    }

    /**
     * Brings the table's rows to {@code next}. When the keys are the same, in the same order, only the
     * rows whose value changed are set (their cells re-render, nothing else); otherwise the list is
     * replaced, reusing the row objects of rows that stay.
     */
    private void replaceRows(List<RowView> next) {
        if (!shown.get()) {
            rowsWhileHidden = next;
            return;
        }
        if (sameKeys(next)) {
            boolean membershipChanged = false;
            for (int i = 0; i < next.size(); i++) {
                WatchRow row = rows.get(i);
                RowView after = next.get(i);
                RowView before = row.row();
                if (!before.equals(after)) {
                    membershipChanged |= rowFilter.isPresent() && matches(before) != matches(after);
                    row.set(after);
                }
            }
            if (membershipChanged) {
                // The filtered list only looks again when its predicate changes.
                applyFilter(filter.get());
            }
            return;
        }
        java.util.Map<String, WatchRow> kept = new java.util.HashMap<>();
        for (WatchRow row : rows) {
            kept.put(row.key(), row);
        }
        List<WatchRow> replaced = new java.util.ArrayList<>(next.size());
        for (RowView view : next) {
            WatchRow row = kept.remove(view.key());
            if (row == null) {
                row = new WatchRow(view);
            } else {
                row.set(view);
            }
            replaced.add(row);
        }
        rows.setAll(replaced);
    }

    private boolean sameKeys(List<RowView> next) {
        if (rows.size() != next.size()) {
            return false;
        }
        for (int i = 0; i < next.size(); i++) {
            if (!rows.get(i).key().equals(next.get(i).key())) {
                return false;
            }
        }
        return true;
    }

    private boolean matches(RowView row) {
        Pattern pattern = rowFilter.orElse(null);
        return pattern == null || pattern.matcher(row.key()).find()
                || row.cells().stream().anyMatch(c -> pattern.matcher(c.value()).find());
    }

    private static String describe(PanelState s) {
        String when = s.shownAt().map(CLOCK::format).orElse("");
        String text = switch (s.status()) {
            case WAITING -> "waiting for the first output";
            case LIVE -> (s.live() ? "live · " : "history · ") + when + " · " + s.rows().size() + " rows";
            case PAUSED -> "paused · " + when;
            case FAILING -> "command failing · showing " + when;
            case STALE -> "stale (not connected) · showing " + (when.isEmpty() ? "nothing yet" : when);
        };
        return text + (s.diagnostics().isEmpty() ? "" : " · " + s.diagnostics().size() + " unread lines");
    }

    private void applyFilter(String text) {
        if (text == null || text.isBlank()) {
            filterError.set("");
            rowFilter = Optional.empty();
            visibleRows.setPredicate(r -> true);
            return;
        }
        try {
            Pattern pattern = Pattern.compile(text, Pattern.CASE_INSENSITIVE);
            filterError.set("");
            rowFilter = Optional.of(pattern);
            visibleRows.setPredicate(row -> matches(row.row()));
        } catch (PatternSyntaxException e) {
            // Keep the last working filter while the learner is still typing the regex.
            filterError.set("Not a regex yet: " + e.getDescription() + " at position " + e.getIndex());
        }
    }
}
