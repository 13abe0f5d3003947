package io.labbench.app.watch;

import io.labbench.watch.panel.CellView;
import io.labbench.watch.panel.CounterView;
import io.labbench.watch.panel.RowView;
import java.util.List;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Polyline;

/**
 * A table cell that shows a value with its {@code watch -d} highlight (by age, so it fades), and for
 * counters the delta, the rate and a sparkline; rounded counters get a ≈ mark. The counter's controls
 * are made once per cell and only their text changes, so a refresh of a big table stays cheap.
 */
final class WatchCell extends TableCell<WatchRow, CellView> {

    private static final Tooltip APPROXIMATE = new Tooltip("iptables printed this counter rounded (K/M/G):"
            + " deltas are approximate. The ready-made watches use -x for exact counts.");

    private HBox counterBox;
    private Label number;
    private Label delta;
    private Label rate;
    private Polyline sparkline;
    private PseudoClass highlight;

    WatchCell() {
        getStyleClass().add("watch-cell");
    }

    @Override
    protected void updateItem(CellView cell, boolean empty) {
        super.updateItem(cell, empty);
        PseudoClass wanted = !empty && cell != null && cell.highlighted() ? WatchStyles.changed(cell.changeAge()) : null;
        if (wanted != highlight) {
            if (highlight != null) {
                pseudoClassStateChanged(highlight, false);
            }
            if (wanted != null) {
                pseudoClassStateChanged(wanted, true);
            }
            highlight = wanted;
        }
        if (empty || cell == null) {
            setText(null);
            setGraphic(null);
            setTooltip(null);
            return;
        }
        if (cell.counter().isEmpty()) {
            setText(cell.value());
            setGraphic(null);
            setContentDisplay(ContentDisplay.TEXT_ONLY);
            setTooltip(null);
            return;
        }
        CounterView counter = cell.counter().get();
        setText(null);
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        showCounter(cell.value(), counter);
        setTooltip(counter.approximate() ? APPROXIMATE : null);
    }

    private void showCounter(String value, CounterView counter) {
        if (counterBox == null) {
            number = new Label();
            delta = new Label();
            delta.getStyleClass().add("watch-delta");
            rate = new Label();
            rate.getStyleClass().add("watch-rate");
            sparkline = new Polyline();
            sparkline.getStyleClass().add("watch-sparkline");
            counterBox = new HBox(4, number, delta, rate, sparkline);
            counterBox.setAlignment(Pos.CENTER_LEFT);
        }
        number.setText((counter.approximate() ? "≈" : "") + value);
        boolean moving = counter.hasDelta();
        delta.setVisible(moving);
        rate.setVisible(moving);
        if (moving) {
            delta.setText((counter.reset() ? "reset +" : "+") + counter.delta());
            delta.pseudoClassStateChanged(WatchStyles.DELTA_RESET, counter.reset());
            rate.setText(rate(counter.ratePerSecond()));
        }
        drawSparkline(moving ? counter.sparkline() : List.of());
        setGraphic(counterBox);
    }

    private void drawSparkline(List<Double> rates) {
        sparkline.setVisible(rates.size() > 1);
        if (rates.size() <= 1) {
            return;
        }
        double max = 0;
        for (double r : rates) {
            max = Math.max(max, r);
        }
        Double[] points = new Double[rates.size() * 2];
        int n = rates.size();
        for (int i = 0; i < n; i++) {
            points[2 * i] = Sparkline.WIDTH * i / (n - 1);
            points[2 * i + 1] = max <= 0 ? Sparkline.HEIGHT : Sparkline.HEIGHT - Sparkline.HEIGHT * rates.get(i) / max;
        }
        sparkline.getPoints().setAll(points);
    }

    static String rate(double perSecond) {
        if (perSecond >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM/s", perSecond / 1_000_000);
        }
        if (perSecond >= 1_000) {
            return String.format(Locale.ROOT, "%.1fK/s", perSecond / 1_000);
        }
        return String.format(Locale.ROOT, "%.1f/s", perSecond);
    }
}
