package io.labbench.app.locallab;

import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Lab › Local lab settings: binds {@link LocalLabSettingsViewModel} to controls. Not modal, so the
 * terminals stay visible while the nodes re-roll; closing it during a re-roll lets the re-roll finish.
 */
public final class LocalLabSettingsDialog {

    private final LocalLabSettingsViewModel model;
    private final Stage stage = new Stage();
    // Spinner values are Integer objects: this bridge must live as long as the dialog (a bidirectional
    // binding holds it only weakly)
    private final ObjectProperty<Integer> maxPodsBridge;

    public LocalLabSettingsDialog(Window owner, LocalLabSettingsViewModel model) {
        this.model = model;
        this.maxPodsBridge = model.maxPodsProperty().asObject();
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle("Local lab settings");
        Scene scene = new Scene(content(), 900, 480);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    private VBox content() {
        Label intro = wrapped("What the study changes with kops edit ig (machineType) and kops edit cluster "
                + "(aws-node ENABLE_PREFIX_DELEGATION, kubelet maxPods). Applying re-rolls the nodes like "
                + "kops rolling-update cluster --yes: the lab goes down and comes back with the new settings in about "
                + "ten seconds, with new pods and IPs. The choice is kept for the next start.");

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints choices = new javafx.scene.layout.ColumnConstraints();
        choices.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints hints = new javafx.scene.layout.ColumnConstraints();
        hints.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().setAll(labels, choices, hints);
        ComboBox<String> controlPlane = typeChoice("control-plane-type");
        controlPlane.valueProperty().bindBidirectional(model.controlPlaneTypeProperty());
        ComboBox<String> nodes = typeChoice("nodes-type");
        nodes.valueProperty().bindBidirectional(model.nodesTypeProperty());
        form.addRow(0, new Label("Control plane (master-us-east-1a)"), controlPlane, hint(model.controlPlaneCapacityProperty()));
        form.addRow(1, new Label("Nodes (nodes-us-east-1a/1c)"), nodes, hint(model.nodesCapacityProperty()));

        CheckBox prefixDelegation = new CheckBox("Prefix delegation (ENABLE_PREFIX_DELEGATION=true: a /28 prefix per ENI slot)");
        prefixDelegation.setMnemonicParsing(false); // the underscores are part of the variable's name
        prefixDelegation.setId("prefix-delegation");
        prefixDelegation.selectedProperty().bindBidirectional(model.prefixDelegationProperty());
        prefixDelegation.disableProperty().bind(model.busyProperty());
        form.add(prefixDelegation, 0, 2, 3, 1);
        Spinner<Integer> maxPods = new Spinner<>();
        maxPods.setId("max-pods");
        maxPods.setEditable(true);
        SpinnerValueFactory.IntegerSpinnerValueFactory factory = new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 250);
        factory.valueProperty().bindBidirectional(maxPodsBridge);
        maxPods.setValueFactory(factory);
        maxPods.disableProperty().bind(model.prefixDelegationProperty().not().or(model.busyProperty()));
        form.addRow(3, new Label("kubelet maxPods"), maxPods, hint("the study sets 110"));

        Label problem = wrapped("");
        problem.setId("settings-problem");
        problem.textProperty().bind(model.problemProperty());
        problem.getStyleClass().add("danger");

        ProgressBar progress = new ProgressBar();
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.busyProperty().or(model.progressProperty().greaterThan(0)));
        Label step = wrapped("");
        step.textProperty().bind(model.progressMessageProperty());
        step.visibleProperty().bind(progress.visibleProperty());
        Label outcome = wrapped("");
        outcome.setId("reroll-outcome");
        outcome.textProperty().bind(model.outcomeProperty());
        model.failedProperty().addListener((obs, was, failed) -> {
            outcome.getStyleClass().removeAll("danger", "success");
            outcome.getStyleClass().add(failed ? "danger" : "success");
        });

        Button defaults = new Button("Study defaults");
        defaults.setOnAction(e -> model.resetToStudyDefaults());
        defaults.disableProperty().bind(model.busyProperty());
        Button apply = new Button("Apply and re-roll nodes", new FontIcon(Feather.REFRESH_CW));
        apply.setId("apply-reroll");
        apply.setDefaultButton(true);
        apply.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !model.canApplyProperty().get(), model.canApplyProperty()));
        apply.setOnAction(e -> model.apply());
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, defaults, gap, apply, close);

        VBox root = new VBox(12, intro, form, problem, progress, step, outcome, buttons);
        root.setPadding(new Insets(16));
        VBox.setVgrow(outcome, Priority.ALWAYS);
        return root;
    }

    private ComboBox<String> typeChoice(String id) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(model.instanceTypes());
        box.setVisibleRowCount(12);
        box.disableProperty().bind(model.busyProperty());
        return box;
    }

    private static Label hint(javafx.beans.value.ObservableStringValue text) {
        Label label = new Label();
        label.setWrapText(true);
        label.textProperty().bind(text);
        label.getStyleClass().add("text-muted");
        return label;
    }

    private static Label hint(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("text-muted");
        return label;
    }

    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setMnemonicParsing(false);
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }
}
