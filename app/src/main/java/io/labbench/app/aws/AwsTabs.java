package io.labbench.app.aws;

import io.labbench.aws.cost.RunningResource;
import io.labbench.aws.dns.Certificates;
import io.labbench.aws.dns.DnsRecord;
import io.labbench.aws.iam.ControllerPolicies;
import io.labbench.aws.iam.PolicyAttachmentPlan;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The views of the AWS pane's tabs; each binds to its view-model and holds no logic of its own. */
public final class AwsTabs {

    private AwsTabs() {
    }

    public static Node stateBucket(StateBucketViewModel vm) {
        TextField name = new TextField();
        name.setId("bucket-name");
        name.setPromptText("e.g. pkos-yourname-kops-state");
        name.setPrefColumnCount(28);
        name.textProperty().bindBidirectional(vm.bucketNameProperty());
        Button create = new Button("Create bucket");
        create.setId("bucket-create");
        create.disableProperty().bind(vm.work().busyProperty().or(vm.nameProblemsProperty().isNotEmpty())
                .or(vm.bucketNameProperty().isEmpty()));
        create.setOnAction(e -> vm.create());
        Button refresh = new Button("Refresh list");
        refresh.setOnAction(e -> vm.refresh());
        refresh.disableProperty().bind(vm.work().busyProperty());
        Label rules = danger(vm.nameProblemsProperty());
        rules.setId("bucket-name-problems");
        Label result = new Label();
        result.setWrapText(true);
        result.textProperty().bind(vm.resultProperty());
        ListView<String> list = new ListView<>(vm.buckets());
        list.setId("bucket-list");
        list.setPlaceholder(new Label("Press Refresh list to see the account's buckets."));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.bucketNameProperty().set(b);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        return padded(row(new Label("Bucket"), name, create, refresh), rules, result, danger(vm.work().problemProperty()),
                new Label("Buckets in this account"), list);
    }

    public static Node clusterMaxPods(MaxPodsViewModel calculator, ClusterMaxPodsViewModel cluster) {
        TableView<ClusterMaxPodsViewModel.NodeMaxPods> table = new TableView<>(cluster.rows());
        table.setId("cluster-maxpods");
        table.setPlaceholder(new Label("Discover the nodes (Nodes tab) to see their limits from DescribeInstanceTypes."));
        table.getColumns().add(column("Node", ClusterMaxPodsViewModel.NodeMaxPods::node));
        table.getColumns().add(column("Type", ClusterMaxPodsViewModel.NodeMaxPods::instanceType));
        table.getColumns().add(column("ENIs × IPv4", ClusterMaxPodsViewModel.NodeMaxPods::enis));
        table.getColumns().add(column("Secondary IP", r -> String.valueOf(r.secondaryIp())));
        table.getColumns().add(column("Prefix delegation", r -> String.valueOf(r.prefixDelegation())));
        table.getColumns().add(column("eni-max-pods.txt", ClusterMaxPodsViewModel.NodeMaxPods::published));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(8, AwsPane.maxPodsView(calculator), new Label("This cluster's nodes (live DescribeInstanceTypes)"),
                danger(cluster.work().problemProperty()), table);
        box.setPadding(new Insets(0, 8, 8, 8));
        return box;
    }

    public static Node loadBalancers(LoadBalancersViewModel vm) {
        return LoadBalancersTab.of(vm);
    }

    public static Node iam(IamViewModel vm) {
        TextField cluster = new TextField();
        cluster.setId("iam-cluster");
        cluster.setPromptText("KOPS_CLUSTER_NAME, e.g. learn-dc.link");
        cluster.setPrefColumnCount(22);
        cluster.textProperty().bindBidirectional(vm.clusterNameProperty());
        ComboBox<ControllerPolicies.Policy> policy = new ComboBox<>();
        policy.getItems().setAll(ControllerPolicies.Policy.values());
        policy.valueProperty().bindBidirectional(vm.policyProperty());
        policy.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ControllerPolicies.Policy p) {
                return p == null ? "" : p.policyName() + (p == ControllerPolicies.Policy.LOAD_BALANCER_CONTROLLER
                        ? " (AWS Load Balancer Controller)" : " (ExternalDNS)");
            }

            @Override
            public ControllerPolicies.Policy fromString(String s) {
                return null;
            }
        });
        Button review = new Button("Review changes…");
        review.setId("iam-review");
        review.disableProperty().bind(vm.work().busyProperty());
        review.setOnAction(e -> vm.preparePlan(plan -> {
            if (confirm(review, "Change IAM?", "LabBench will make exactly these changes in IAM:", plan)) {
                vm.apply(plan);
            } else {
                vm.declined();
            }
        }));
        Label account = new Label();
        account.textProperty().bind(Bindings.when(vm.accountIdProperty().isEmpty())
                .then("Account: unknown — press Check identity at the top first (the policy ARN needs it).")
                .otherwise(Bindings.concat("Account: ", vm.accountIdProperty())));
        Label result = new Label();
        result.setId("iam-result");
        result.setWrapText(true);
        result.textProperty().bind(vm.resultProperty());
        ListView<String> plan = new ListView<>(vm.lastPlan());
        plan.setPrefHeight(120);
        plan.setPlaceholder(new Label("Review shows what would change before anything is sent."));
        return padded(row(new Label("Cluster"), cluster, new Label("Policy"), policy, review), account,
                danger(vm.work().problemProperty()), result, plan);
    }

    private static boolean confirm(Node owner, String title, String header, PolicyAttachmentPlan plan) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(owner.getScene() == null ? null : owner.getScene().getWindow());
        alert.setTitle(title);
        alert.setHeaderText(header);
        alert.setContentText(String.join("\n", plan.describe()));
        ButtonType apply = new ButtonType("Apply these changes", ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(apply, ButtonType.CANCEL);
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == apply;
    }

    public static Node dns(DnsViewModel vm) {
        TextField domain = new TextField();
        domain.setId("dns-domain");
        domain.setPromptText("MyDomain, e.g. learn-dc.link");
        domain.setPrefColumnCount(22);
        domain.textProperty().bindBidirectional(vm.domainProperty());
        Button refresh = new Button("Look up zone and records");
        refresh.setId("dns-refresh");
        refresh.setOnAction(e -> vm.refreshRecords());
        refresh.disableProperty().bind(vm.work().busyProperty());
        CheckBox live = liveToggle(vm::refreshRecords, 10);
        Label zone = new Label();
        zone.textProperty().bind(Bindings.when(vm.zoneIdProperty().isEmpty()).then("").otherwise(Bindings.concat("Hosted zone ", vm.zoneIdProperty())));
        TableView<DnsRecord> records = new TableView<>(vm.records());
        records.setId("dns-records");
        records.setPlaceholder(new Label("A and TXT records ExternalDNS writes appear here."));
        records.getColumns().add(column("Name", DnsRecord::name));
        records.getColumns().add(column("Type", DnsRecord::type));
        records.getColumns().add(column("TTL", r -> r.ttl() == 0 ? "" : String.valueOf(r.ttl())));
        records.getColumns().add(column("Value", r -> r.aliasTarget().isEmpty() ? String.join(" ", r.values()) : "ALIAS " + r.aliasTarget()));
        records.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        VBox.setVgrow(records, Priority.ALWAYS);

        TextField name = new TextField();
        name.setPromptText("name to resolve, e.g. nginx.learn-dc.link");
        name.setPrefColumnCount(30);
        name.textProperty().bindBidirectional(vm.nameToResolveProperty());
        Button dig = new Button("dig +short");
        dig.setOnAction(e -> vm.resolve());
        Label resolution = new Label();
        resolution.setId("dns-resolution");
        resolution.textProperty().bind(vm.resolutionProperty());

        Button certs = new Button("List ACM certificates");
        certs.setOnAction(e -> vm.refreshCertificates());
        TableView<Certificates.Certificate> certificates = new TableView<>(vm.certificates());
        certificates.setId("acm-certificates");
        certificates.setPrefHeight(140);
        certificates.setPlaceholder(new Label("Press List ACM certificates; the TLS section's CERT_ARN is one of these."));
        certificates.getColumns().add(column("Domain", Certificates.Certificate::domainName));
        certificates.getColumns().add(column("Status", Certificates.Certificate::status));
        certificates.getColumns().add(column("ARN", Certificates.Certificate::arn));
        certificates.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        Button copy = new Button("Copy ARN");
        copy.setId("acm-copy-arn");
        copy.disableProperty().bind(certificates.getSelectionModel().selectedItemProperty().isNull());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(certificates.getSelectionModel().getSelectedItem().arn());
            Clipboard.getSystemClipboard().setContent(content);
        });
        return padded(row(new Label("Domain"), domain, refresh, live, zone), danger(vm.work().problemProperty()), records,
                row(name, dig, resolution), row(certs, copy), certificates);
    }

    public static Node costGuard(CostGuardViewModel vm) {
        TextField stack = new TextField();
        stack.setPrefColumnCount(10);
        stack.textProperty().bindBidirectional(vm.stackNameProperty());
        TextField cluster = new TextField();
        cluster.setId("cost-cluster");
        cluster.setPromptText("KOPS_CLUSTER_NAME");
        cluster.setPrefColumnCount(18);
        cluster.textProperty().bindBidirectional(vm.clusterNameProperty());
        Button refresh = new Button("Check what is running");
        refresh.setId("cost-refresh");
        refresh.setOnAction(e -> vm.refresh());
        refresh.disableProperty().bind(vm.work().busyProperty());
        Label total = new Label();
        total.setId("cost-total");
        total.getStyleClass().add("title-4");
        total.setWrapText(true);
        total.textProperty().bind(vm.totalProperty());
        TableView<RunningResource> table = new TableView<>(vm.resources());
        table.setId("cost-resources");
        table.setPlaceholder(new Label("Nothing found yet: press Check what is running."));
        table.getColumns().add(column("Kind", r -> r.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        table.getColumns().add(column("Id", RunningResource::id));
        table.getColumns().add(column("Detail", RunningResource::detail));
        table.getColumns().add(column("$/hour", r -> r.kind() == RunningResource.Kind.STACK ? "(its resources below)"
                : String.format(Locale.ROOT, "%.4f", r.usdPerHour())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        VBox.setVgrow(table, Priority.ALWAYS);
        Button deleteCluster = new Button("1. kops delete cluster --yes");
        deleteCluster.setId("cost-delete-cluster");
        deleteCluster.getStyleClass().add("danger");
        deleteCluster.setOnAction(e -> {
            if (ask(deleteCluster, "Delete the kOps cluster?", "This types `" + CostGuardViewModel.KOPS_DELETE
                    + "` into the kops-ec2 terminal and runs it. The cluster's instances, volumes and load balancers are deleted.")) {
                vm.deleteCluster();
            }
        });
        Button deleteStack = new Button("2. Delete the stack");
        deleteStack.setId("cost-delete-stack");
        deleteStack.getStyleClass().add("danger");
        deleteStack.disableProperty().bind(vm.cleanupWork().busyProperty());
        deleteStack.setOnAction(e -> {
            if (ask(deleteStack, "Delete the CloudFormation stack?", "Stack " + vm.stackNameProperty().get()
                    + " and everything it created (the kops-ec2 instance, its VPC) are deleted. Delete the cluster first.")) {
                vm.deleteStack();
            }
        });
        ProgressBar progress = new ProgressBar();
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(vm.cleanupProgressProperty());
        progress.visibleProperty().bind(vm.cleanupWork().busyProperty());
        Label status = new Label();
        status.setId("cost-cleanup-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.cleanupStatusProperty());
        return padded(row(new Label("Stack"), stack, new Label("Cluster"), cluster, refresh), total,
                danger(vm.work().problemProperty()), table, row(deleteCluster, deleteStack), progress, status);
    }

    private static boolean ask(Node owner, String title, String text) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.OK, ButtonType.CANCEL);
        alert.initOwner(owner.getScene() == null ? null : owner.getScene().getWindow());
        alert.setTitle(title);
        alert.setHeaderText(title);
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    /** A "Live" check box that repeats {@code refresh} every {@code seconds} while ticked. */
    static CheckBox liveToggle(Runnable refresh, int seconds) {
        CheckBox live = new CheckBox("Live (every " + seconds + " s)");
        Timeline timer = new Timeline(new KeyFrame(Duration.seconds(seconds), e -> refresh.run()));
        timer.setCycleCount(Timeline.INDEFINITE);
        live.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                refresh.run();
                timer.play();
            } else {
                timer.stop();
            }
        });
        return live;
    }

    static Label danger(ObservableValue<String> text) {
        Label label = new Label();
        label.getStyleClass().add("danger");
        label.setStyle("-fx-text-fill: #c62828;");
        label.setWrapText(true);
        label.textProperty().bind(text);
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.managedProperty());
        return label;
    }

    /** A row of controls with labels centred on the fields' text. */
    static HBox row(Node... children) {
        HBox row = new HBox(8, children);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    static VBox padded(Node... children) {
        VBox box = new VBox(8, children);
        box.setPadding(new Insets(8));
        return box;
    }

    static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
        return column;
    }

}
