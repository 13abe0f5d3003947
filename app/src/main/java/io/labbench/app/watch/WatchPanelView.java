package io.labbench.app.watch;

import io.labbench.netparse.snapshot.CellKind;
import io.labbench.netparse.snapshot.Column;
import io.labbench.netparse.snapshot.CounterValue;
import io.labbench.watch.compare.HighlightedLine;
import io.labbench.watch.compare.TextSpan;
import io.labbench.watch.export.ExportFormat;
import io.labbench.watch.history.TimelineMark;
import io.labbench.watch.panel.CellView;
import io.labbench.watch.panel.PanelState;
import io.labbench.watch.panel.RowMark;
import io.labbench.watch.panel.RowView;
import io.labbench.watch.panel.RunStatus;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;

/**
 * One watch panel: a toolbar (status, pause, refresh, interval, zero counters, raw, export, compare,
 * side by side, filter), the sortable table or the raw text, and a history scrubber. Builds controls
 * and binds them to a {@link WatchPanelViewModel}; dialogs and files go through {@link WatchFiles}.
 */
public final class WatchPanelView extends BorderPane {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final double CHAR_WIDTH = 7.4;
    private static final double MAX_AUTO_WIDTH = 420;
    /** Digits and signs are wider than the average character {@link #CHAR_WIDTH} assumes. */
    private static final double DIGIT_WIDTH = 8.4;
    /** Room for the rate ("0.0/s"), the sparkline and the gaps beside a counter; the delta is sized like the value. */
    private static final double COUNTER_EXTRAS = 5 * DIGIT_WIDTH + Sparkline.WIDTH + 40;
    /** Columns an iptables listing repeats on every row; the panel's command line already names them. */
    private static final java.util.Set<String> REPEATED_CONTEXT = java.util.Set.of("table", "chain");
    private static final List<String> INTERVALS = List.of("0.5 s", "1 s", "2 s", "5 s", "10 s", "30 s", "60 s");

    private final WatchPanelViewModel viewModel;
    private final TableView<WatchRow> table = new TableView<>();
    private final SortedList<WatchRow> sorted;
    private final ListView<HighlightedLine> raw = new ListView<>();
    private final Slider scrubber = new Slider(0, 0, 0);
    private final Label scrubLabel = new Label();
    private final Label marksLabel = new Label();
    private final Label notice = new Label();
    private boolean updatingScrubber;

    public WatchPanelView(WatchPanelViewModel viewModel, Consumer<WatchPanelViewModel> onSideBySide) {
        this.viewModel = viewModel;
        this.sorted = new SortedList<>(viewModel.tableRows());
        getStyleClass().add("watch-panel");
        getStylesheets().add(WatchStyles.stylesheet());
        setTop(toolbar(onSideBySide));
        setCenter(body());
        setBottom(scrubberBar());
        viewModel.columnsProperty().addListener((obs, old, now) -> rebuildColumns(now));
        rebuildColumns(viewModel.columnsProperty().get());
        viewModel.stateProperty().addListener((obs, old, now) -> stateChanged(now));
        viewModel.shownProperty().addListener((obs, was, now) -> {
            if (now && viewModel.stateProperty().get() != null) {
                stateChanged(viewModel.stateProperty().get());
            }
        });
    }

    public WatchPanelViewModel viewModel() {
        return viewModel;
    }

    TableView<WatchRow> table() {
        return table;
    }

    private VBox toolbar(Consumer<WatchPanelViewModel> onSideBySide) {
        Label title = new Label(viewModel.definition().endpoint() + "$ " + viewModel.definition().command());
        title.setTooltip(new Tooltip(viewModel.definition().command()));
        title.setStyle("-fx-font-family: monospace;");
        HBox.setHgrow(title, Priority.ALWAYS);
        title.setMaxWidth(Double.MAX_VALUE);

        Label badge = new Label();
        badge.getStyleClass().add("watch-badge");
        badge.textProperty().bind(viewModel.statusTextProperty());
        viewModel.statusProperty().addListener((obs, old, now) -> {
            badge.getStyleClass().removeIf(c -> c.startsWith("watch-badge-"));
            badge.getStyleClass().add("watch-badge-" + now.name());
        });
        badge.getStyleClass().add("watch-badge-" + RunStatus.WAITING.name());
        // In a narrow dock the command line gives way (its tooltip has it whole), never the status.
        badge.setMinWidth(Region.USE_PREF_SIZE);

        Button pause = new Button("Pause");
        pause.setId("watch-pause");
        pause.textProperty().bind(viewModel.pausedProperty().map(p -> p ? "Resume" : "Pause"));
        pause.setOnAction(e -> viewModel.togglePause());

        Button refresh = new Button("Refresh");
        refresh.setId("watch-refresh");
        refresh.setOnAction(e -> viewModel.refreshNow());

        ComboBox<String> interval = new ComboBox<>();
        interval.getItems().setAll(INTERVALS);
        interval.setEditable(true);
        interval.setPrefWidth(80);
        interval.setTooltip(new Tooltip("Refresh interval, 0.5–60 s"));
        interval.setValue(seconds(viewModel.intervalProperty().get()));
        interval.setOnAction(e -> parseSeconds(interval.getValue()).ifPresentOrElse(
                d -> viewModel.changeInterval(d).ifPresent(this::showNotice),
                () -> showNotice("Interval '" + interval.getValue() + "' is not a number of seconds (0.5–60)")));

        Button zero = new Button("Zero counters");
        zero.setId("watch-zero");
        zero.setVisible(viewModel.canZeroCounters());
        zero.setManaged(viewModel.canZeroCounters());
        zero.setOnAction(e -> confirmZero());

        ToggleButton rawToggle = new ToggleButton("Raw");
        rawToggle.setId("watch-raw-toggle");
        rawToggle.selectedProperty().bindBidirectional(viewModel.rawModeProperty());

        MenuButton export = new MenuButton("Export");
        MenuItem text = new MenuItem("Snapshot as text…");
        text.setOnAction(e -> exportText(ExportFormat.TEXT));
        MenuItem markdown = new MenuItem("Snapshot as Markdown…");
        markdown.setOnAction(e -> exportText(ExportFormat.MARKDOWN));
        MenuItem copy = new MenuItem("Copy snapshot as Markdown");
        copy.setOnAction(e -> viewModel.exportShown(ExportFormat.MARKDOWN).ifPresent(md -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(md);
            Clipboard.getSystemClipboard().setContent(content);
            showNotice("Copied the snapshot as Markdown");
        }));
        MenuItem png = new MenuItem("Snapshot as PNG…");
        png.setOnAction(e -> WatchFiles.savePng(this, viewModel.exportFileName("png"), this::showNotice));
        export.getItems().setAll(text, markdown, copy, png);

        Button compare = new Button("Compare…");
        compare.setOnAction(e -> CompareDialog.show(this, viewModel));

        Button side = new Button("Side by side…");
        side.setOnAction(e -> onSideBySide.accept(viewModel));

        TextField filter = new TextField();
        filter.setId("watch-filter");
        filter.setPromptText("filter (regex)");
        filter.setPrefWidth(160);
        filter.textProperty().bindBidirectional(viewModel.filterProperty());
        viewModel.filterErrorProperty().addListener((obs, old, now) -> {
            filter.getStyleClass().remove("watch-filter-bad");
            filter.setTooltip(null);
            if (!now.isEmpty()) {
                filter.getStyleClass().add("watch-filter-bad");
                filter.setTooltip(new Tooltip(now));
            }
        });

        pause.setTooltip(new Tooltip("Stop refreshing / start again (Refresh still runs once)"));
        refresh.setTooltip(new Tooltip("Run the command now"));
        zero.setTooltip(new Tooltip("iptables -Z for this table or chain, after a confirmation"));
        rawToggle.setTooltip(new Tooltip("The output as printed, with watch -d highlights"));
        export.setTooltip(new Tooltip("Save or copy this snapshot as text, Markdown or PNG"));
        compare.setTooltip(new Tooltip("What changed between two points of the history"));
        side.setTooltip(new Tooltip("The same watch on another node, rows aligned"));
        HBox first = new HBox(6, badge, title);
        first.setAlignment(Pos.CENTER_LEFT);
        // A narrow dock wraps the actions onto more lines instead of clipping them to "…": every control
        // keeps its preferred width, and the filter takes what is left of its line.
        FlowPane second = new FlowPane(6, 4, pause, refresh, interval, zero, rawToggle, export, compare, side, filter);
        second.setAlignment(Pos.CENTER_LEFT);
        for (javafx.scene.Node control : second.getChildren()) {
            if (control instanceof Region region) {
                region.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        filter.setMinWidth(120);
        Label problem = new Label();
        problem.getStyleClass().add("watch-problem");
        problem.textProperty().bind(viewModel.problemProperty());
        problem.visibleProperty().bind(viewModel.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        notice.visibleProperty().bind(notice.textProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        VBox box = new VBox(4, first, second, problem, notice);
        box.setPadding(new Insets(4));
        return box;
    }

    private StackPane body() {
        table.setId("watch-table");
        table.setPlaceholder(new Label("No rows yet"));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setRowFactory(t -> new MarkedRow());
        raw.setId("watch-raw");
        raw.getStyleClass().add("watch-raw");
        raw.setCellFactory(list -> new RawLineCell());
        raw.visibleProperty().bind(viewModel.rawModeProperty());
        // The raw lines are only copied in while raw mode is on: 2,000 hidden lines per refresh add up.
        viewModel.rawModeProperty().addListener((obs, was, on) ->
                raw.getItems().setAll(on ? viewModel.visibleRawLines() : List.of()));
        viewModel.filterProperty().addListener((obs, was, now) -> {
            if (viewModel.rawModeProperty().get()) {
                raw.getItems().setAll(viewModel.visibleRawLines());
            }
        });
        table.visibleProperty().bind(viewModel.rawModeProperty().not());
        return new StackPane(table, raw);
    }

    private HBox scrubberBar() {
        scrubber.setId("watch-scrubber");
        scrubber.setBlockIncrement(1);
        scrubber.setMajorTickUnit(1);
        scrubber.setMinorTickCount(0);
        scrubber.setSnapToTicks(true);
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        scrubber.valueProperty().addListener((obs, old, now) -> {
            if (!updatingScrubber && !scrubber.isValueChanging()) {
                viewModel.showPoint((int) Math.round(now.doubleValue()));
            }
        });
        scrubber.valueChangingProperty().addListener((obs, was, changing) -> {
            if (!changing) {
                viewModel.showPoint((int) Math.round(scrubber.getValue()));
            }
        });
        Button live = new Button("Live");
        live.disableProperty().bind(viewModel.liveProperty());
        live.setOnAction(e -> viewModel.showLive());
        marksLabel.getStyleClass().add("watch-mark");
        Region gap = new Region();
        Label history = new Label("History");
        // The slider gives way in a narrow dock; the words and the Live button stay readable.
        for (Region fixed : List.of(history, scrubLabel, live)) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        scrubber.setMinWidth(40);
        HBox bar = new HBox(6, history, scrubber, scrubLabel, live, gap, marksLabel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(2, 4, 2, 4));
        return bar;
    }

    private void stateChanged(PanelState state) {
        if (!viewModel.shownProperty().get()) {
            return; // a hidden tab catches up when it is shown
        }
        if (viewModel.rawModeProperty().get()) {
            raw.getItems().setAll(viewModel.visibleRawLines());
        }
        if (table.getComparator() != null) {
            // Rows keep their identity across refreshes, so the sorted view does not see values move:
            // a fresh comparator object makes it sort again.
            Comparator<WatchRow> order = table.getComparator();
            sorted.comparatorProperty().unbind();
            sorted.setComparator(order::compare);
            sorted.comparatorProperty().bind(table.comparatorProperty());
        }
        updatingScrubber = true;
        try {
            scrubber.setMax(Math.max(0, state.historySize() - 1));
            if (state.shownIndex() >= 0 && !scrubber.isValueChanging()) {
                scrubber.setValue(state.shownIndex());
            }
        } finally {
            updatingScrubber = false;
        }
        scrubLabel.setText(state.shownAt().map(CLOCK::format).orElse("") + " (" + (state.shownIndex() + 1) + "/"
                + state.historySize() + ")");
        List<TimelineMark> marks = state.marks();
        marksLabel.setText(marks.isEmpty() ? "" : "⚑ " + marks.get(marks.size() - 1).label() + " at "
                + CLOCK.format(marks.get(marks.size() - 1).at()) + (marks.size() > 1 ? " (+" + (marks.size() - 1) + ")" : ""));
        fitColumns(state);
    }

    private void rebuildColumns(List<Column> columns) {
        List<TableColumn<WatchRow, ?>> built = new ArrayList<>();
        TableColumn<WatchRow, String> mark = new TableColumn<>("");
        mark.setPrefWidth(28);
        mark.setSortable(false);
        // Cells follow their row's value: a refresh updates the cells whose row changed, nothing else.
        mark.setCellValueFactory(data -> data.getValue().rowProperty().map(row -> switch (row.mark()) {
            case NEW -> "+";
            case REMOVED -> "−";
            case NONE -> "";
        }));
        mark.getStyleClass().add("watch-mark-cell");
        built.add(mark);
        for (int index = 0; index < columns.size(); index++) {
            Column column = columns.get(index);
            int at = index;
            TableColumn<WatchRow, CellView> tableColumn = new TableColumn<>(column.name());
            tableColumn.setUserData(column);
            CellView missing = new CellView(column.name(), "", CellView.UNCHANGED, Optional.empty());
            tableColumn.setCellValueFactory(data -> data.getValue().rowProperty().map(row ->
                    at < row.cells().size() ? row.cellAt(at) : missing));
            tableColumn.setCellFactory(c -> new WatchCell());
            tableColumn.setComparator(column.kind() == CellKind.COUNTER ? COUNTER_ORDER : TEXT_ORDER);
            tableColumn.setPrefWidth(Math.max(48, column.name().length() * CHAR_WIDTH + 26));
            built.add(tableColumn);
        }
        table.getColumns().setAll(built);
    }

    /**
     * Hides columns no row has a value in, and widens a column to its longest value (looking at the
     * first rows only, and never narrowing it, so a width the learner chose by hand mostly stays).
     */
    private void fitColumns(PanelState state) {
        List<RowView> rows = state.rows();
        int sample = Math.min(rows.size(), 200);
        for (TableColumn<WatchRow, ?> column : table.getColumns()) {
            if (!(column.getUserData() instanceof Column c)) {
                continue;
            }
            int index = state.columns().indexOf(c);
            if (index < 0) {
                continue;
            }
            int longest = 0;
            boolean anyValue = rows.isEmpty();
            for (int i = 0; i < rows.size() && (i < sample || !anyValue); i++) {
                String value = rows.get(i).cellAt(index).value();
                if (!value.isEmpty()) {
                    anyValue = true;
                    if (i < sample) {
                        longest = Math.max(longest, value.length());
                    }
                }
            }
            // One chain's listing says "nat" and the chain's name on every row: room better spent on
            // target, source and comment in a narrow dock.
            boolean repeated = rows.size() > 0 && REPEATED_CONTEXT.contains(c.name())
                    && rows.stream().map(r -> r.cellAt(index).value()).distinct().count() == 1;
            if (column.isVisible() != (anyValue && !repeated)) {
                column.setVisible(anyValue && !repeated);
            }
            // A counter's delta, rate and sparkline sit beside its value, not beside the header: the column
            // needs the wider of the two (a narrow dock then keeps target, source and comment in view).
            double valueWidth = c.kind() == CellKind.COUNTER
                    ? (longest + 1 + Math.min(longest, 8)) * DIGIT_WIDTH + COUNTER_EXTRAS
                    : longest * CHAR_WIDTH + 26;
            double wanted = Math.min(MAX_AUTO_WIDTH, Math.max(column.getText().length() * CHAR_WIDTH + 26, valueWidth));
            if (wanted > column.getPrefWidth()) {
                column.setPrefWidth(wanted);
            }
        }
    }

    private static final Comparator<CellView> TEXT_ORDER = Comparator.comparing(CellView::value, WatchPanelView::naturalCompare);
    private static final Comparator<CellView> COUNTER_ORDER = Comparator.comparingLong(
            c -> CounterValue.parse(c.value()).map(CounterValue::value).orElse(-1L));

    static void toggle(List<String> styleClasses, String styleClass, boolean on) {
        boolean has = styleClasses.contains(styleClass);
        if (on && !has) {
            styleClasses.add(styleClass);
        } else if (!on && has) {
            styleClasses.remove(styleClass);
        }
    }

    /** Numbers inside text compare as numbers, so eth2 sorts before eth10. */
    static int naturalCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int byLength = Integer.compare(na.length(), nb.length());
                if (byLength != 0) {
                    return byLength;
                }
                int byDigits = na.compareTo(nb);
                if (byDigits != 0) {
                    return byDigits;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private void confirmZero() {
        String what = viewModel.definition().zeroCounters().map(t -> t.describe()).orElse("");
        String command = viewModel.definition().zeroCounters().map(t -> t.command()).orElse("");
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "Run `" + command + "` on " + viewModel.definition().endpoint() + "?\n\nThis resets the packet and byte"
                        + " counters of " + what + " for everyone on that node. A mark is put on the timeline.",
                ButtonType.OK, ButtonType.CANCEL);
        confirm.setHeaderText("Zero counters on " + viewModel.definition().endpoint());
        if (getScene() != null) {
            confirm.initOwner(getScene().getWindow());
        }
        confirm.showAndWait().filter(ButtonType.OK::equals)
                .ifPresent(ok -> viewModel.zeroCounters().thenAccept(this::showNotice));
    }

    private void exportText(ExportFormat format) {
        Optional<String> text = viewModel.exportShown(format);
        if (text.isEmpty()) {
            showNotice("Nothing to export yet: wait for the first output");
            return;
        }
        WatchFiles.saveText(this, viewModel.exportFileName(format.extension()), text.get(), this::showNotice);
    }

    private void showNotice(String text) {
        notice.setText(text);
    }

    private static String seconds(Duration interval) {
        double s = interval.toMillis() / 1000.0;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + " s";
    }

    static Optional<Duration> parseSeconds(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            double s = Double.parseDouble(text.replace("s", "").strip());
            return Optional.of(Duration.ofMillis(Math.round(s * 1000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A table row marked new or removed, following its row's value as refreshes change it. */
    private static final class MarkedRow extends TableRow<WatchRow> {
        private final javafx.beans.value.ChangeListener<RowView> onChange = (obs, old, now) -> mark(now);
        private WatchRow watched;

        @Override
        protected void updateItem(WatchRow row, boolean empty) {
            super.updateItem(row, empty);
            WatchRow now = empty ? null : row;
            if (now != watched) {
                if (watched != null) {
                    watched.rowProperty().removeListener(onChange);
                }
                watched = now;
                if (watched != null) {
                    watched.rowProperty().addListener(onChange);
                }
            }
            mark(watched == null ? null : watched.row());
        }

        private void mark(RowView row) {
            RowMark mark = row == null ? RowMark.NONE : row.mark();
            pseudoClassStateChanged(WatchStyles.NEW_ROW, mark == RowMark.NEW);
            pseudoClassStateChanged(WatchStyles.REMOVED_ROW, mark == RowMark.REMOVED);
        }
    }

    /** A raw output line with the characters that changed drawn like {@code watch -d} (reverse). */
    private static final class RawLineCell extends ListCell<HighlightedLine> {
        @Override
        protected void updateItem(HighlightedLine line, boolean empty) {
            super.updateItem(line, empty);
            setText(null);
            if (empty || line == null) {
                setGraphic(null);
                return;
            }
            if (!line.hasChanges()) {
                Label plain = new Label(line.text());
                plain.getStyleClass().add("watch-raw-plain");
                setGraphic(plain);
                return;
            }
            TextFlow flow = new TextFlow();
            int at = 0;
            for (TextSpan span : line.changed()) {
                if (span.start() > at) {
                    flow.getChildren().add(styled(line.text().substring(at, span.start()), "watch-raw-plain"));
                }
                flow.getChildren().add(styled(line.text().substring(span.start(), span.end()), WatchStyles.RAW_CHANGED));
                at = span.end();
            }
            if (at < line.text().length()) {
                flow.getChildren().add(styled(line.text().substring(at), "watch-raw-plain"));
            }
            setGraphic(flow);
        }

        private static Label styled(String text, String styleClass) {
            Label label = new Label(text);
            label.getStyleClass().add(styleClass);
            label.setMinWidth(Region.USE_PREF_SIZE);
            return label;
        }
    }
}
