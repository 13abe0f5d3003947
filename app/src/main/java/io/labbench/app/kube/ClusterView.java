package io.labbench.app.kube;

import io.labbench.kube.EventRow;
import io.labbench.kube.NodeRow;
import io.labbench.kube.PodRow;
import io.labbench.kube.ServiceRow;
import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The kubeconfig chooser on top, and a tab per live table: pods, nodes, services, events, aws-node. */
public final class ClusterView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final BorderPane root = new BorderPane();

    public ClusterView(ClusterViewModel vm) {
        ComboBox<KubeconfigChoice> source = new ComboBox<>();
        source.setId("kube-source");
        source.getItems().setAll(KubeconfigChoice.values());
        source.valueProperty().bindBidirectional(vm.choiceProperty());
        TextField file = new TextField();
        file.setId("kube-file");
        file.setPromptText("path to a kubeconfig");
        file.textProperty().bindBidirectional(vm.fileProperty());
        file.visibleProperty().bind(vm.choiceProperty().isEqualTo(KubeconfigChoice.FILE));
        file.managedProperty().bind(file.visibleProperty());
        HBox.setHgrow(file, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.visibleProperty().bind(file.visibleProperty());
        browse.managedProperty().bind(file.visibleProperty());
        browse.setOnAction(e -> {
            File chosen = new FileChooser().showOpenDialog(browse.getScene().getWindow());
            if (chosen != null) {
                vm.fileProperty().set(chosen.getPath());
            }
        });
        Button connect = new Button("Connect");
        connect.setId("kube-connect");
        connect.setOnAction(e -> vm.connect());
        connect.disableProperty().bind(vm.busyProperty());
        Label context = new Label();
        context.setId("kube-context");
        context.textProperty().bind(vm.contextProperty());
        Label summary = new Label();
        summary.setId("kube-summary");
        summary.textProperty().bind(vm.summaryProperty());
        Label problem = new Label();
        problem.setId("kube-problem");
        problem.setWrapText(true);
        problem.setStyle("-fx-text-fill: #c62828;");
        problem.textProperty().bind(vm.problemProperty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        Label kubeconfigLabel = new Label("kubeconfig");
        // A long "context … from /path" must not squeeze the controls into "Co…": it is the one that gets cut.
        for (javafx.scene.layout.Region fixed : List.of(kubeconfigLabel, source, browse, connect)) {
            fixed.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        context.setMinWidth(0);
        HBox bar = new HBox(8, kubeconfigLabel, source, file, browse, connect, context);
        Label connection = new Label();
        connection.setId("kube-connection");
        connection.setWrapText(true);
        connection.setStyle("-fx-text-fill: #b26a00;");
        connection.textProperty().bind(vm.connectionProperty());
        connection.managedProperty().bind(connection.textProperty().isNotEmpty());
        connection.visibleProperty().bind(connection.managedProperty());
        VBox top = new VBox(4, bar, summary, connection, problem);
        top.setPadding(new Insets(6));
        root.setTop(top);

        TabPane tabs = new TabPane(new Tab("Pods", pods(vm)), new Tab("Nodes", nodes(vm)), new Tab("Services", services(vm)),
                new Tab("Events", events(vm)), new Tab("aws-node", awsNode(vm)));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // Dimmed while reconnecting: the rows may be stale.
        tabs.opacityProperty().bind(javafx.beans.binding.Bindings.when(vm.reconnectingProperty()).then(0.6).otherwise(1.0));
        root.setCenter(tabs);
    }

    private static VBox pods(ClusterViewModel vm) {
        TableView<PodRow> table = table(vm.pods(), "kube-pods", "No pods yet: connect to a cluster.");
        table.getColumns().add(column("Namespace", PodRow::namespace));
        table.getColumns().add(column("Name", PodRow::name));
        table.getColumns().add(column("Ready", PodRow::ready));
        table.getColumns().add(column("Status", PodRow::status));
        table.getColumns().add(column("IP", p -> p.ip() + (p.hostNetwork() ? " (host)" : "")));
        table.getColumns().add(column("Node", PodRow::node));
        table.getColumns().add(column("Pending reason", PodRow::pendingReason));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(PodRow item, boolean empty) {
                super.updateItem(item, empty);
                boolean pending = !empty && item != null && !item.pendingReason().isEmpty();
                setStyle(pending ? "-fx-background-color: rgba(198,40,40,0.12);" : "");
                setTooltip(pending ? new Tooltip(item.pendingReason()) : null);
            }
        });
        Button shell = new Button("Shell");
        shell.setId("kube-pod-shell");
        shell.setTooltip(new Tooltip("Open a terminal in the selected pod (kubectl exec -it)"));
        shell.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        shell.setOnAction(e -> vm.openShell(table.getSelectionModel().getSelectedItem()));
        return box(new HBox(8, shell), table);
    }

    private static VBox nodes(ClusterViewModel vm) {
        TableView<NodeRow> table = table(vm.nodes(), "kube-nodes", "No nodes yet.");
        table.getColumns().add(column("Name", NodeRow::name));
        table.getColumns().add(column("Ready", n -> n.ready() ? "Ready" : "NotReady"));
        table.getColumns().add(column("Instance type", NodeRow::instanceType));
        table.getColumns().add(column("Zone", NodeRow::zone));
        table.getColumns().add(column("Internal IP", NodeRow::internalIp));
        table.getColumns().add(column("Allocatable pods", n -> String.valueOf(n.allocatablePods())));
        table.getColumns().add(column("Allocatable CPU", NodeRow::allocatableCpu));
        table.getColumns().add(column("Pods", n -> n.podCount() + " / " + n.allocatablePods()));
        return box(table);
    }

    private static VBox services(ClusterViewModel vm) {
        TableView<ServiceRow> table = table(vm.services(), "kube-services", "No services yet.");
        table.getColumns().add(column("Namespace", ServiceRow::namespace));
        table.getColumns().add(column("Name", ServiceRow::name));
        table.getColumns().add(column("Type", ServiceRow::type));
        table.getColumns().add(column("Cluster IP", ServiceRow::clusterIp));
        table.getColumns().add(column("Load balancer", ServiceRow::loadBalancer));
        table.getColumns().add(column("Ports", s -> String.join(", ", s.ports())));
        table.getColumns().add(column("Endpoints", s -> String.join(", ", s.endpoints())));
        table.getColumns().add(column("TargetGroupBindings", s -> String.join(", ", s.targetGroupBindings())));
        return box(table);
    }

    private static VBox events(ClusterViewModel vm) {
        TableView<EventRow> table = table(vm.events(), "kube-events", "No events.");
        table.getColumns().add(column("Last seen", e -> TIME.format(e.lastSeen())));
        table.getColumns().add(column("Type", EventRow::type));
        table.getColumns().add(column("Reason", EventRow::reason));
        table.getColumns().add(column("Object", EventRow::involvedObject));
        table.getColumns().add(column("Count", e -> String.valueOf(e.count())));
        table.getColumns().add(column("Message", EventRow::message));
        return box(table);
    }

    private static VBox awsNode(ClusterViewModel vm) {
        TableView<ClusterViewModel.EnvRow> table = table(vm.awsNode(), "kube-aws-node",
                "No aws-node DaemonSet in kube-system (the local lab does not run the AWS VPC CNI).");
        table.getColumns().add(column("Variable", ClusterViewModel.EnvRow::name));
        table.getColumns().add(column("Value", ClusterViewModel.EnvRow::value));
        return box(new Label("aws-node (AWS VPC CNI) settings the study changes"), table);
    }

    private static <T> TableView<T> table(javafx.collections.ObservableList<T> items, String id, String placeholder) {
        TableView<T> table = new TableView<>(items);
        table.setId(id);
        table.setPlaceholder(new Label(placeholder));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        VBox.setVgrow(table, Priority.ALWAYS);
        return table;
    }

    private static VBox box(javafx.scene.Node... children) {
        VBox box = new VBox(6, children);
        box.setPadding(new Insets(6));
        return box;
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
        return column;
    }

    public Parent node() {
        return root;
    }
}
