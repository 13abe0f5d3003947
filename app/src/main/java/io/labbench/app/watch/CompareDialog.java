package io.labbench.app.watch;

import io.labbench.watch.export.ExportFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Picks two points of a panel's history and shows what changed between them, ready to copy or save. */
final class CompareDialog {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private CompareDialog() {
    }

    static void show(Node owner, WatchPanelViewModel viewModel) {
        List<Instant> times = viewModel.stateProperty().get() == null ? List.of() : viewModel.stateProperty().get().historyTimes();
        Dialog<Void> dialog = new Dialog<>();
        dialog.setTitle("Compare two points · " + viewModel.definition().title());
        if (owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
        }
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        if (times.size() < 2) {
            dialog.getDialogPane().setContent(new Label("The history holds " + times.size()
                    + " point(s); wait for at least two refreshes."));
            dialog.show();
            return;
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            labels.add((i + 1) + ". " + CLOCK.format(times.get(i)));
        }
        ComboBox<String> from = new ComboBox<>();
        from.getItems().setAll(labels);
        from.getSelectionModel().select(0);
        ComboBox<String> to = new ComboBox<>();
        to.getItems().setAll(labels);
        to.getSelectionModel().select(labels.size() - 1);
        ComboBox<ExportFormat> format = new ComboBox<>();
        format.getItems().setAll(ExportFormat.values());
        format.getSelectionModel().select(ExportFormat.MARKDOWN);
        TextArea result = new TextArea();
        result.setEditable(false);
        result.setStyle("-fx-font-family: monospace;");
        result.setPrefSize(760, 380);
        VBox.setVgrow(result, Priority.ALWAYS);
        Runnable update = () -> result.setText(viewModel.exportComparison(from.getSelectionModel().getSelectedIndex(),
                to.getSelectionModel().getSelectedIndex(), format.getValue()));
        from.setOnAction(e -> update.run());
        to.setOnAction(e -> update.run());
        format.setOnAction(e -> update.run());
        Button copy = new Button("Copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(result.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Label saved = new Label();
        Button save = new Button("Save…");
        save.setOnAction(e -> WatchFiles.saveText(result, viewModel.exportFileName("diff." + format.getValue().extension()),
                result.getText(), saved::setText));
        HBox pickers = new HBox(6, new Label("From"), from, new Label("to"), to, format, copy, save, saved);
        VBox content = new VBox(8, pickers, result);
        content.setPadding(new Insets(8));
        dialog.getDialogPane().setContent(content);
        update.run();
        dialog.show();
    }
}
