package io.labbench.app.path;

import io.labbench.packetpath.Direction;
import io.labbench.packetpath.Hop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javax.imageio.ImageIO;

/**
 * Draws a {@link PathViewModel}: the flow picker on top; the hops as lanes of boxes (one lane per machine
 * visit, forward then reply) with each hop's matched rule, rewrite and counter — boxes whose counter rose
 * at the last refresh turn green with their delta, dropping hops red; "what it could not know" below.
 * Clicking a box opens its watch or runs its command. It only binds and draws.
 */
public final class PathView extends BorderPane {
    private final PathViewModel model;
    private final VBox lanes = new VBox(10);
    private final VBox notesBox = new VBox(2);

    public PathView(PathViewModel model) {
        this.model = model;
        setId("path-view");
        setTop(picker());
        lanes.setPadding(new Insets(10));
        lanes.setId("path-lanes");
        ScrollPane scroll = new ScrollPane(lanes);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        Label status = new Label();
        status.setId("path-status");
        status.textProperty().bind(model.messageProperty());
        status.setWrapText(true);
        notesBox.setId("path-notes");
        VBox bottom = new VBox(6, notesBox, status);
        bottom.setPadding(new Insets(8, 10, 8, 10));
        setBottom(bottom);
        model.rows().addListener((ListChangeListener<HopRow>) c -> redraw());
        model.notes().addListener((ListChangeListener<String>) c -> redrawNotes());
    }

    public PathViewModel model() {
        return model;
    }

    private Node picker() {
        ComboBox<String> from = place("path-from", "pod-1");
        from.getEditor().textProperty().bindBidirectional(model.fromProperty());
        ComboBox<String> to = place("path-to", "pod-2, internet, svc/NAME");
        to.getEditor().textProperty().bindBidirectional(model.toProperty());
        ChoiceBox<String> protocol = new ChoiceBox<>();
        protocol.setId("path-protocol");
        protocol.getItems().setAll("auto", "icmp", "tcp", "udp");
        protocol.setValue("auto");
        protocol.valueProperty().addListener((o, was, now) -> model.protocolProperty().set("auto".equals(now) ? "" : now));
        Button trace = new Button("Trace");
        trace.setId("path-trace");
        trace.setDefaultButton(true);
        trace.disableProperty().bind(model.busyProperty());
        trace.setOnAction(e -> model.trace());
        ToggleButton live = new ToggleButton("Live counters");
        live.setId("path-live");
        live.selectedProperty().bindBidirectional(model.liveProperty());
        live.setTooltip(new Tooltip("Re-read the path's counters every second; hops that counted packets light up"));
        Button export = new Button("Export to notebook");
        export.setId("path-export");
        // the snapshot is taken here, on the JavaFX thread; encoding it and writing the files is the model's background work
        export.setOnAction(e -> snapshot().ifPresent(image -> model.exportPicture(() -> png(image))));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, new Label("From"), from, new Label("→"), to, protocol, trace, live, spacer, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 10, 8, 10));
        return bar;
    }

    private ComboBox<String> place(String id, String prompt) {
        ComboBox<String> box = new ComboBox<>(model.places());
        box.setId(id);
        box.setEditable(true);
        box.setPromptText(prompt);
        box.setPrefWidth(190);
        box.setOnShowing(e -> {
            if (model.places().isEmpty()) {
                model.loadPlaces();
            }
        });
        return box;
    }

    private void redraw() {
        lanes.getChildren().clear();
        Direction last = null;
        for (List<HopRow> lane : PathSvg.lanes(List.copyOf(model.rows()))) {
            Hop first = lane.get(0).hop();
            if (first.direction() != last) {
                last = first.direction();
                Label header = new Label(last == Direction.FORWARD ? "Forward" : "Reply");
                header.setStyle("-fx-font-weight: bold; -fx-font-size: 1.15em;");
                lanes.getChildren().add(header);
            }
            Label machine = new Label(first.machine());
            machine.setMinWidth(150);
            machine.setMaxWidth(150);
            machine.setWrapText(true);
            machine.setStyle("-fx-font-weight: bold;");
            FlowPane boxes = new FlowPane(6, 6);
            for (int i = 0; i < lane.size(); i++) {
                if (i > 0) {
                    Label arrow = new Label("→");
                    arrow.setStyle("-fx-font-size: 1.3em; -fx-opacity: 0.6;");
                    boxes.getChildren().add(arrow);
                }
                boxes.getChildren().add(hopBox(lane.get(i)));
            }
            HBox.setHgrow(boxes, Priority.ALWAYS);
            HBox row = new HBox(8, machine, boxes);
            row.setAlignment(Pos.TOP_LEFT);
            lanes.getChildren().add(row);
        }
    }

    private Node hopBox(HopRow r) {
        Hop h = r.hop();
        Label object = new Label(r.number() + ". " + h.object());
        object.setStyle("-fx-font-weight: bold;");
        Label matched = new Label(h.matched().replace('\t', ' '));
        matched.setWrapText(true);
        matched.setMaxWidth(250);
        matched.setStyle("-fx-font-size: 0.85em; -fx-font-family: monospace;");
        VBox box = new VBox(2, object, matched);
        h.rewrite().ifPresent(w -> {
            Label rewrite = new Label(w.toString());
            rewrite.setStyle("-fx-text-fill: #c66900; -fx-font-weight: bold;");
            box.getChildren().add(rewrite);
        });
        if (!h.choices().isEmpty()) {
            // kube-proxy's random pick: which endpoint this path follows, among how many
            h.choices().stream().filter(io.labbench.packetpath.Choice::followed).findFirst().ifPresent(c -> {
                Label pick = new Label(String.format(java.util.Locale.ROOT, "picks %s of %d endpoints (%.0f%%)", c.endpoint(),
                        h.choices().size(), c.probability() * 100));
                pick.getStyleClass().add("path-choice");
                box.getChildren().add(pick);
            });
        }
        if (!r.counterText().isEmpty()) {
            Label counter = new Label(r.counterText());
            counter.getStyleClass().add("path-counter");
            counter.setStyle(r.rose() ? "-fx-text-fill: #2e7d32; -fx-font-weight: bold;" : "-fx-opacity: 0.75;");
            box.getChildren().add(counter);
        }
        h.unobservable().ifPresent(why -> {
            // derived from the cluster state, not read: say so on the box, the reason in full in the tooltip
            Label hidden = new Label("not observable on this backend");
            hidden.getStyleClass().add("path-unobservable");
            hidden.setStyle("-fx-text-fill: #6a5acd; -fx-font-style: italic;");
            box.getChildren().add(hidden);
        });
        if (h.drops()) {
            Label drops = new Label("drops the packet");
            drops.setStyle("-fx-text-fill: #c62828; -fx-font-weight: bold;");
            box.getChildren().add(drops);
        }
        String border = h.drops() ? "#c62828" : r.rose() ? "#2e7d32" : "rgba(128,128,140,0.6)";
        String fill = h.drops() ? "rgba(198,40,40,0.12)" : r.rose() ? "rgba(46,125,50,0.18)" : "rgba(128,128,140,0.08)";
        box.setStyle("-fx-border-color: " + border + "; -fx-border-width: " + (r.rose() || h.drops() ? 2.5 : 1)
                + (h.unobservable().isPresent() ? "; -fx-border-style: dashed" : "") + "; -fx-border-radius: 6; -fx-background-radius: 6; -fx-background-color: " + fill + "; -fx-padding: 6 8 6 8;");
        box.getStyleClass().add("path-hop");
        if (r.rose()) {
            box.getStyleClass().add("path-hop-rose");
        }
        if (h.drops()) {
            box.getStyleClass().add("path-hop-drops");
        }
        box.setUserData(r);
        box.setMaxWidth(270);
        box.setCursor(Cursor.HAND);
        StringBuilder tip = new StringBuilder(h.machine() + " · " + h.stage() + "\n" + h.matched().replace('\t', ' ')
                + "\npacket: " + h.packet());
        h.choices().forEach(c -> tip.append("\nmay pick: ").append(c));
        h.notes().forEach(n -> tip.append("\nnote: ").append(n));
        h.unobservable().ifPresent(why -> tip.append("\n").append(why));
        HopAction.of(h).ifPresent(a -> tip.append("\nclick: ").append(a instanceof HopAction.OpenWatch w
                ? "open the " + w.watchId() + " watch on " + w.endpoint()
                : "run '" + ((HopAction.RunCommand) a).command() + "' in " + ((HopAction.RunCommand) a).terminal()));
        Tooltip.install(box, new Tooltip(tip.toString()));
        box.setOnMouseClicked(e -> model.open(r));
        return box;
    }

    private void redrawNotes() {
        notesBox.getChildren().clear();
        if (model.notes().isEmpty()) {
            return;
        }
        Label header = new Label("What it could not know");
        header.setStyle("-fx-font-weight: bold;");
        notesBox.getChildren().add(header);
        for (String n : model.notes()) {
            Label l = new Label("• " + n);
            l.setWrapText(true);
            notesBox.getChildren().add(l);
        }
    }

    /** The hops as drawn (empty before the view is in a scene). JavaFX thread only. */
    public Optional<WritableImage> snapshot() {
        if (getScene() == null) {
            return Optional.empty();
        }
        return Optional.of(lanes.snapshot(null, null));
    }

    /** The hops as drawn, as PNG bytes (empty before the view is in a scene). JavaFX thread only. */
    public Optional<byte[]> snapshotPng() {
        try {
            return snapshot().isEmpty() ? Optional.empty() : Optional.of(png(snapshot().get()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Encodes a snapshot; any thread (the image is no longer part of the scene). */
    static byte[] png(WritableImage image) throws IOException {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out);
            return out.toByteArray();
        }
    }
}
