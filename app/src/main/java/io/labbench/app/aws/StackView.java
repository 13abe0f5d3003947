package io.labbench.app.aws;

import io.labbench.aws.cfn.StackEvent;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The stack form on the left, the creation's progress and events on the right. */
public final class StackView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final SplitPane root = new SplitPane();

    public StackView(StackFormViewModel form, StackCreationViewModel creation, MyAddressViewModel myAddress) {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        grid.setPadding(new Insets(8));
        // Labels keep their width; inputs (and the problems under them) take the rest and wrap in it.
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        inputs.setFillWidth(true);
        grid.getColumnConstraints().setAll(labels, inputs);
        int row = 0;
        TextField stackName = new TextField();
        stackName.setId("stack-name");
        stackName.textProperty().bindBidirectional(form.stackNameProperty());
        grid.addRow(row++, new Label("Stack name"), stackName);
        grid.add(problemLabel(form.stackNameProblemProperty()), 1, row++);
        for (ParameterField field : form.fields()) {
            Label label = new Label(field.parameter().key());
            label.setTooltip(new Tooltip(field.parameter().description()));
            Node input = inputFor(field);
            if (field.parameter().isCidr()) {
                input = withMyAddress(input, myAddress);
            }
            grid.addRow(row++, label, input);
            Label problems = new Label();
            problems.getStyleClass().add("danger");
            problems.setId("problem-" + field.parameter().key());
            problems.setWrapText(true);
            problems.textProperty().bind(Bindings.createStringBinding(() -> String.join(" ", field.problems()), field.problems()));
            problems.managedProperty().bind(problems.textProperty().isNotEmpty());
            problems.visibleProperty().bind(problems.managedProperty());
            grid.add(problems, 1, row++);
        }
        Button create = new Button("Create stack");
        create.setId("create-stack");
        create.setDefaultButton(true);
        create.disableProperty().bind(form.validProperty().not().or(creation.work().busyProperty()));
        create.setOnAction(e -> creation.create(form));
        grid.add(create, 1, row);

        ProgressBar bar = new ProgressBar();
        bar.setId("stack-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(creation.progressProperty());
        Label status = new Label();
        status.setId("stack-status");
        status.textProperty().bind(creation.statusProperty());
        Label elapsed = new Label();
        elapsed.textProperty().bind(Bindings.concat("elapsed ", creation.elapsedProperty()));
        Label failure = new Label();
        failure.setId("stack-failure");
        failure.setWrapText(true);
        failure.getStyleClass().add("danger");
        failure.textProperty().bind(creation.failureProperty());

        TableView<StackEvent> events = new TableView<>(creation.events());
        events.setId("stack-events");
        events.getColumns().add(column("Time", e -> TIME.format(e.timestamp())));
        events.getColumns().add(column("Logical ID", StackEvent::logicalId));
        events.getColumns().add(column("Status", StackEvent::status));
        events.getColumns().add(column("Type", StackEvent::resourceType));
        events.getColumns().add(column("Reason", StackEvent::reason));
        events.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(StackEvent item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("failed"), item != null && item.isFailure());
                // AtlantaFX colours table text with the looked-up -color-cell-fg (Modena used -fx-text-background-color).
                setStyle(item != null && item.isFailure() ? "-color-cell-fg: -color-danger-fg;" : "");
            }
        });
        VBox.setVgrow(events, Priority.ALWAYS);
        VBox progress = new VBox(6, new HBox(12, status, elapsed), bar, failure, events);
        progress.setPadding(new Insets(8));
        ScrollPane formScroll = new ScrollPane(grid);
        formScroll.setFitToWidth(true);
        root.getItems().addAll(formScroll, progress);
        root.setDividerPositions(0.5);
    }

    /** The CIDR field with "Use my address" beside it and what the lookup found (or why not) below. */
    private static Node withMyAddress(Node input, MyAddressViewModel myAddress) {
        Button use = new Button("Use my address");
        use.setId("use-my-address");
        use.setTooltip(new Tooltip("Look up your public IPv4 address (checkip.amazonaws.com) and, if you agree, allow SSH only from it"));
        use.disableProperty().bind(myAddress.work().busyProperty());
        use.setOnAction(e -> myAddress.useMyAddress());
        HBox.setHgrow(input, Priority.ALWAYS);
        Label outcome = new Label();
        outcome.setId("my-address-outcome");
        outcome.setWrapText(true);
        outcome.textProperty().bind(myAddress.outcomeProperty());
        outcome.managedProperty().bind(outcome.textProperty().isNotEmpty());
        Label problem = new Label();
        problem.setId("my-address-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add("danger");
        problem.setStyle("-fx-text-fill: #c62828;");
        problem.textProperty().bind(myAddress.work().problemProperty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        myAddress.questionProperty().addListener((o, old, question) -> {
            if (!question.isEmpty()) {
                // Not from inside the change notification: a nested event loop there would block the caller.
                javafx.application.Platform.runLater(() -> ask(use, question, myAddress));
            }
        });
        return new VBox(2, new HBox(6, input, use), outcome, problem);
    }

    private static void ask(Node owner, String question, MyAddressViewModel myAddress) {
        String cidr = myAddress.pendingAddress() + "/32";
        ButtonType allow = new ButtonType("Allow only " + cidr, ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Keep the field as it is", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", allow, keep);
        alert.initOwner(owner.getScene() == null ? null : owner.getScene().getWindow());
        alert.setTitle("SSH CIDR");
        alert.setHeaderText(question);
        alert.setContentText("The security group will accept SSH only from this address. If your address changes "
                + "(another network, a VPN), SSH to kops-ec2 stops working until you update the stack's SSH CIDR.");
        if (alert.showAndWait().filter(allow::equals).isPresent()) {
            myAddress.confirm();
        } else {
            myAddress.decline();
        }
    }

    private static Node inputFor(ParameterField field) {
        TextInputControl text;
        if (field.parameter().noEcho()) {
            text = new PasswordField();
        } else if (!field.choices().isEmpty() || field.parameter().isKeyPair()) {
            ComboBox<String> combo = new ComboBox<>(field.choices());
            combo.setEditable(true);
            combo.setId("param-" + field.parameter().key());
            combo.valueProperty().bindBidirectional(field.valueProperty());
            combo.setMaxWidth(Double.MAX_VALUE);
            return combo;
        } else {
            text = new TextField();
        }
        text.setId("param-" + field.parameter().key());
        text.textProperty().bindBidirectional(field.valueProperty());
        text.setPromptText(field.parameter().description());
        return text;
    }

    private static Label problemLabel(javafx.beans.value.ObservableValue<String> text) {
        Label label = new Label();
        label.getStyleClass().add("danger");
        label.textProperty().bind(text);
        return label;
    }

    private static TableColumn<StackEvent, String> column(String title, java.util.function.Function<StackEvent, String> value) {
        TableColumn<StackEvent, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
        return column;
    }

    public javafx.scene.Parent node() {
        return root;
    }
}
