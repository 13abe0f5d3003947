package io.labbench.app.ui.dialogs;

import io.labbench.sessions.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Edit > Endpoints: the workspace's endpoints on the left, the selected one's fields on the right
 * (validated as you type, problems listed under the form). OK returns the edited list; the caller
 * saves it to the workspace file.
 */
public final class EndpointEditorDialog extends Dialog<List<Endpoint>> {

    private final ObservableList<Endpoint> endpoints;
    private final ListView<Endpoint> list;
    private EndpointFormViewModel form;
    private final GridPane fields = new GridPane();
    private final Label problems = new Label();

    public EndpointEditorDialog(Window owner, List<Endpoint> current) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Endpoints");
        setHeaderText("Where each terminal connects");
        setGraphic(new FontIcon(Feather.SERVER));
        endpoints = FXCollections.observableArrayList(current);
        list = new ListView<>(endpoints);
        list.setId("endpoint-list");
        list.setPrefWidth(180);
        list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Endpoint item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> edit(now));

        Button add = new Button("Add", new FontIcon(Feather.PLUS));
        add.setOnAction(e -> addEndpoint());
        Button remove = new Button("Remove", new FontIcon(Feather.TRASH_2));
        remove.setOnAction(e -> removeSelected());
        Button apply = new Button("Apply", new FontIcon(Feather.CHECK));
        apply.setId("endpoint-apply");
        apply.setOnAction(e -> applyForm());

        fields.setHgap(8);
        fields.setVgap(6);
        problems.setId("endpoint-problems");
        problems.getStyleClass().add("danger");
        problems.setWrapText(true);
        problems.setMaxWidth(420);
        VBox right = new VBox(10, fields, problems, apply);
        HBox content = new HBox(12, new VBox(6, list, new HBox(6, add, remove)), right);
        content.setPadding(new Insets(8));
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        setResultConverter(button -> button == ButtonType.OK ? List.copyOf(endpoints) : null);
        if (!endpoints.isEmpty()) {
            list.getSelectionModel().select(0);
        } else {
            addEndpoint();
        }
    }

    private void edit(Endpoint endpoint) {
        List<String> others = new ArrayList<>(endpoints.stream().map(Endpoint::name).toList());
        Optional.ofNullable(endpoint).ifPresent(e -> others.remove(e.name()));
        form = new EndpointFormViewModel(others);
        if (endpoint != null) {
            form.load(endpoint);
        }
        fields.getChildren().clear();
        ComboBox<EndpointFormViewModel.Kind> kind = new ComboBox<>(
                FXCollections.observableArrayList(EndpointFormViewModel.Kind.values()));
        kind.valueProperty().bindBidirectional(form.kindProperty());
        int row = 0;
        fields.addRow(row++, new Label("Name"), bound("endpoint-name", form.nameProperty(), "worker1"));
        fields.addRow(row++, new Label("Kind"), kind);
        fields.addRow(row++, new Label("Shell"), bound("endpoint-shell", form.shellCommandProperty(), "bash -l"));
        fields.addRow(row++, new Label("Host"), bound("endpoint-host", form.hostProperty(), "10.0.0.11"));
        fields.addRow(row++, new Label("Port"), bound("endpoint-port", form.portProperty(), "22"));
        fields.addRow(row++, new Label("User"), bound("endpoint-user", form.userProperty(), "ubuntu"));
        fields.addRow(row++, new Label("Key files"), bound("endpoint-keys", form.identityFilesProperty(), "~/.ssh/id_ed25519"));
        fields.addRow(row++, new Label("Jump through"), bound("endpoint-jump", form.jumpEndpointProperty(), "kops-ec2"));
        fields.addRow(row, new Label("ssh config alias"), bound("endpoint-alias", form.sshConfigAliasProperty(), "optional"));
        problems.textProperty().bind(Bindings.createStringBinding(
                () -> String.join("\n", form.problemsProperty().get()), form.problemsProperty()));
    }

    private static TextField bound(String id, javafx.beans.property.StringProperty property, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(property);
        field.setPromptText(prompt);
        field.setPrefColumnCount(24);
        return field;
    }

    private void applyForm() {
        form.toEndpoint().ifPresent(updated -> {
            int index = list.getSelectionModel().getSelectedIndex();
            if (index >= 0) {
                endpoints.set(index, updated);
            } else {
                endpoints.add(updated);
            }
            list.getSelectionModel().select(updated);
        });
    }

    private void addEndpoint() {
        list.getSelectionModel().clearSelection();
        edit(null);
    }

    private void removeSelected() {
        int index = list.getSelectionModel().getSelectedIndex();
        if (index >= 0) {
            endpoints.remove(index);
        }
    }
}
