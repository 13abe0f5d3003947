package io.labbench.app.aws;

import io.labbench.aws.ec2.ClusterNode;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The AWS backend's screen: the account bar on top, and a tab per part of the study that happens in
 * AWS. Tabs whose view-model is absent (not yet connected) are left out.
 */
public final class AwsPane {

    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();

    public AwsPane(AwsAccountViewModel account) {
        TextField profile = new TextField();
        profile.setPromptText("default credential chain");
        profile.textProperty().bindBidirectional(account.profileProperty());
        TextField region = new TextField();
        region.setPrefColumnCount(10);
        region.textProperty().bindBidirectional(account.regionProperty());
        Button check = new Button("Check identity");
        check.setOnAction(e -> account.checkIdentity());
        check.disableProperty().bind(account.work().busyProperty());
        Label identity = new Label();
        identity.setId("aws-identity");
        identity.textProperty().bind(account.identityProperty());
        Label problem = new Label();
        problem.setId("aws-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add("danger");
        problem.setStyle("-fx-text-fill: #c62828;");
        problem.setPadding(new Insets(0, 6, 4, 6));
        problem.textProperty().bind(account.work().problemProperty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        HBox bar = AwsTabs.row(new Label("Profile"), profile, new Label("Region"), region, check, identity);
        bar.setPadding(new Insets(6));
        root.setTop(new VBox(bar, problem));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        root.setCenter(tabs);
    }

    public AwsPane addTab(String title, Node content) {
        tabs.getTabs().add(new Tab(title, content));
        return this;
    }

    /** True while the tab with this title is selected and the window it is in shows. */
    public javafx.beans.value.ObservableValue<Boolean> showing(String title) {
        Tab tab = tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tab " + title));
        javafx.beans.value.ObservableValue<Boolean> windowShowing = root.sceneProperty().flatMap(javafx.scene.Scene::windowProperty)
                .flatMap(javafx.stage.Window::showingProperty).orElse(false);
        return javafx.beans.binding.Bindings.createBooleanBinding(() -> tab.isSelected() && Boolean.TRUE.equals(windowShowing.getValue()),
                tab.selectedProperty(), windowShowing);
    }

    /** Brings the tab with this title forward (the exit warning's "Open cost guard"). */
    public void select(String title) {
        tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    public static Node maxPodsView(MaxPodsViewModel vm) {
        ComboBox<String> type = new ComboBox<>(vm.knownTypes());
        type.setId("maxpods-type");
        type.setEditable(true);
        type.valueProperty().bindBidirectional(vm.instanceTypeProperty());
        CheckBox prefix = new CheckBox("Prefix delegation (ENABLE_PREFIX_DELEGATION=true)");
        prefix.setMnemonicParsing(false); // keep the underscores of the variable name
        prefix.selectedProperty().bindBidirectional(vm.prefixDelegationProperty());
        Spinner<Integer> kubelet = new Spinner<>(0, 250, 0, 10);
        kubelet.setEditable(true);
        kubelet.valueProperty().addListener((o, a, b) -> vm.kubeletMaxPodsProperty().set(b));
        Label result = new Label();
        result.setId("maxpods-result");
        result.getStyleClass().add("title-3");
        result.textProperty().bind(vm.resultProperty());
        Label formula = new Label();
        formula.setId("maxpods-formula");
        formula.setWrapText(true);
        formula.textProperty().bind(vm.formulaProperty());
        VBox box = new VBox(8, AwsTabs.row(new Label("Instance type"), type), prefix,
                AwsTabs.row(new Label("kubelet maxPods (0 = not set)"), kubelet), result, formula);
        box.setPadding(new Insets(10));
        return box;
    }

    public static Node nodesView(ClusterNodesViewModel vm) {
        TextField cluster = new TextField();
        cluster.setPromptText("cluster name, e.g. learn-dc.link");
        cluster.textProperty().bindBidirectional(vm.clusterNameProperty());
        Button discover = new Button("Discover nodes");
        discover.setOnAction(e -> vm.discover());
        discover.disableProperty().bind(vm.work().busyProperty());
        Button use = new Button("Use these nodes");
        use.setOnAction(e -> vm.useTheseNodes());
        use.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.nodes()));
        TableView<ClusterNode> table = new TableView<>(vm.nodes());
        table.setId("aws-nodes");
        table.getColumns().add(column("Name", ClusterNode::name));
        table.getColumns().add(column("Role", n -> n.role().name().toLowerCase(java.util.Locale.ROOT)));
        table.getColumns().add(column("AZ", ClusterNode::availabilityZone));
        table.getColumns().add(column("Private IP", ClusterNode::privateIp));
        table.getColumns().add(column("Public IP", n -> n.publicIp().orElse("")));
        table.getColumns().add(column("Type", ClusterNode::instanceType));
        table.getColumns().add(column("State", ClusterNode::state));
        Label problem = new Label();
        problem.getStyleClass().add("danger");
        problem.setWrapText(true);
        problem.setStyle("-fx-text-fill: #c62828;");
        problem.textProperty().bind(vm.work().problemProperty());
        VBox.setVgrow(table, Priority.ALWAYS);
        CheckBox jump = new CheckBox("SSH through kops-ec2 (jump); untick to use the nodes' public IPs");
        jump.setId("aws-nodes-jump");
        jump.selectedProperty().bindBidirectional(vm.jumpThroughKopsEc2Property());
        VBox box = new VBox(8, AwsTabs.row(cluster, discover, use), jump, problem, table);
        box.setPadding(new Insets(8));
        return box;
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
        return column;
    }

    public javafx.scene.Parent node() {
        return root;
    }
}
