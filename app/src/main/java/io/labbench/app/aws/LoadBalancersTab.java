package io.labbench.app.aws;

import io.labbench.aws.elb.LoadBalancerView;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Load balancers tab's view: the load balancers table, the selected one's listeners and target
 * groups, the selected group's targets with their health coloured, the per-target connections
 * histogram, and the distribution test. It binds to {@link LoadBalancersViewModel} and holds no state.
 */
final class LoadBalancersTab {

    private LoadBalancersTab() {
    }

    static Node of(LoadBalancersViewModel vm) {
        Button refresh = new Button("Refresh");
        refresh.setId("lb-refresh");
        refresh.setOnAction(e -> vm.refresh());
        CheckBox live = new CheckBox("Live (every " + LoadBalancersViewModel.PERIOD.toSeconds() + " s)");
        live.setId("lb-live");
        live.selectedProperty().bindBidirectional(vm.liveProperty());
        Label status = new Label();
        status.setId("lb-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        HBox.setHgrow(status, Priority.ALWAYS);

        TableView<LoadBalancerView> lbs = new TableView<>(vm.loadBalancers());
        lbs.setId("lb-table");
        lbs.setPlaceholder(new Label("No load balancers read yet."));
        lbs.getColumns().add(sized(AwsTabs.column("Name", LoadBalancerView::name), 230));
        lbs.getColumns().add(sized(AwsTabs.column("DNS name", LoadBalancerView::dnsName), 420));
        lbs.getColumns().add(sized(AwsTabs.column("Scheme", LoadBalancerView::scheme), 110));
        lbs.getColumns().add(sized(AwsTabs.column("Type", LoadBalancerView::type), 75));
        lbs.getColumns().add(sized(AwsTabs.column("State", LoadBalancerView::state), 75));
        lbs.getColumns().add(sized(AwsTabs.column("AZ addresses", LoadBalancersTab::zones), 300));
        lbs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        lbs.setPrefHeight(110);
        lbs.setMinHeight(90);
        follow(lbs, vm.selectedLoadBalancerProperty());

        ListView<String> listeners = new ListView<>(vm.listeners());
        listeners.setId("lb-listeners");
        listeners.setPrefWidth(150);
        listeners.setPlaceholder(new Label("No listeners"));
        TableView<LoadBalancerView.TargetGroupView> groups = new TableView<>(vm.targetGroups());
        groups.setId("lb-target-groups");
        groups.setPlaceholder(new Label("No target groups"));
        groups.getColumns().add(AwsTabs.column("Target group", LoadBalancerView.TargetGroupView::name));
        groups.getColumns().add(AwsTabs.column("Target type", LoadBalancerView.TargetGroupView::targetType));
        groups.getColumns().add(AwsTabs.column("Protocol:port", g -> g.protocol() + ":" + g.port()));
        groups.getColumns().add(AwsTabs.column("From listener", g -> g.listenerPorts().stream().map(String::valueOf)
                .collect(Collectors.joining(", "))));
        groups.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        follow(groups, vm.selectedTargetGroupProperty());
        HBox.setHgrow(groups, Priority.ALWAYS);
        HBox middle = new HBox(8, titled("Listeners", listeners), titled("Target groups", groups));
        middle.setPrefHeight(110);
        middle.setMinHeight(90);
        HBox.setHgrow(middle.getChildren().get(1), Priority.ALWAYS);

        TableView<LoadBalancersViewModel.TargetRow> targets = new TableView<>(vm.targets());
        targets.setId("lb-targets");
        targets.setPlaceholder(new Label("No registered targets: the Service has no ready pods, or the group is new."));
        targets.getColumns().add(sized(AwsTabs.column("Target", LoadBalancersViewModel.TargetRow::target), 200));
        TableColumn<LoadBalancersViewModel.TargetRow, String> health = AwsTabs.column("Health", LoadBalancersViewModel.TargetRow::state);
        health.setCellFactory(c -> new HealthCell());
        targets.getColumns().add(sized(health, 110));
        targets.getColumns().add(sized(AwsTabs.column("Reason", LoadBalancersViewModel.TargetRow::reason), 600));
        targets.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        targets.setPrefHeight(150);
        targets.setMinHeight(150);
        VBox.setVgrow(targets, Priority.ALWAYS);

        Button reset = new Button("Reset counts");
        reset.setId("lb-traffic-reset");
        reset.setOnAction(e -> vm.resetTraffic());
        Label note = new Label();
        note.setId("lb-traffic-note");
        note.setWrapText(true);
        note.textProperty().bind(vm.trafficNoteProperty());
        VBox bars = new VBox(4);
        bars.setId("lb-traffic");
        vm.traffic().addListener((ListChangeListener<LoadBalancersViewModel.Bar>) c -> draw(bars, vm.traffic(), "connection"));

        return AwsTabs.padded(AwsTabs.row(refresh, live, status), AwsTabs.danger(vm.problemProperty()), lbs, middle,
                new Label("Targets of the selected group (describe-target-health)"), targets,
                AwsTabs.row(new Label("Connections per target"), reset), note, bars, distributionTest(vm));
    }

    private static Node distributionTest(LoadBalancersViewModel vm) {
        TextField target = new TextField();
        target.setId("lb-test-target");
        target.setPromptText("NLB DNS name, e.g. k8s-default-svcnlbip-….elb.us-east-1.amazonaws.com");
        HBox.setHgrow(target, Priority.ALWAYS);
        target.textProperty().bindBidirectional(vm.targetProperty());
        Spinner<Integer> requests = new Spinner<>(1, 1000, vm.requestsProperty().get(), 10);
        requests.setEditable(true);
        requests.setPrefWidth(90);
        requests.valueProperty().addListener((o, a, b) -> vm.requestsProperty().set(b));
        Button run = new Button("Run distribution test");
        run.setId("lb-test-run");
        run.setOnAction(e -> vm.runDistributionTest());
        run.disableProperty().bind(vm.testWork().busyProperty());
        ProgressBar progress = new ProgressBar();
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(vm.testProgressProperty());
        progress.visibleProperty().bind(vm.testWork().busyProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label summary = new Label();
        summary.setId("lb-test-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.testSummaryProperty());
        VBox bars = new VBox(4);
        bars.setId("lb-histogram");
        vm.answers().addListener((ListChangeListener<LoadBalancersViewModel.Bar>) c -> draw(bars, vm.answers(), "answer"));
        if (vm.distributionTestUnreachable().isPresent()) {
            Label instead = new Label(vm.distributionTestUnreachable().get());
            instead.setId("lb-test-instead");
            instead.setWrapText(true);
            return instead;
        }
        return new VBox(8, new Label("Distribution test from this machine — which pod answered (the study's curl | grep Hostname | uniq -c)"),
                AwsTabs.row(target, new Label("requests"), requests, run), progress, summary, bars);
    }

    /** Keeps a table's selection and the view-model's selected item the same, whichever side changes. */
    private static <T> void follow(TableView<T> table, javafx.beans.property.ObjectProperty<T> selected) {
        table.getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
            if (item != null && !item.equals(selected.get())) {
                selected.set(item);
            }
        });
        selected.addListener((o, a, item) -> {
            if (item != null && !item.equals(table.getSelectionModel().getSelectedItem())) {
                table.getSelectionModel().select(item);
            }
        });
        table.getItems().addListener((ListChangeListener<T>) c -> {
            // the list was replaced by a new read: select the view-model's item in it again
            T item = selected.get();
            if (item != null && !item.equals(table.getSelectionModel().getSelectedItem())) {
                table.getSelectionModel().select(item);
            }
        });
    }

    private static <S, T> TableColumn<S, T> sized(TableColumn<S, T> column, double width) {
        column.setPrefWidth(width);
        return column;
    }

    private static String zones(LoadBalancerView lb) {
        return lb.zones().stream().map(z -> z.zone() + " " + (z.addresses().isEmpty() ? "(" + z.subnetId() + ")" : String.join(" ", z.addresses())))
                .collect(Collectors.joining(", "));
    }

    private static VBox titled(String title, Region content) {
        VBox box = new VBox(2, new Label(title), content);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    private static void draw(VBox box, java.util.List<LoadBalancersViewModel.Bar> bars, String unit) {
        box.getChildren().clear();
        long max = Math.max(1, bars.stream().mapToLong(LoadBalancersViewModel.Bar::count).max().orElse(1));
        for (LoadBalancersViewModel.Bar bar : bars) {
            Label name = new Label(bar.target());
            name.setMinWidth(260);
            name.setPrefWidth(260);
            Region fill = new Region();
            fill.getStyleClass().add("histogram-bar");
            fill.setStyle("-fx-background-color: #3b82f6; -fx-background-radius: 3;");
            fill.setMinHeight(16);
            fill.setPrefHeight(16);
            fill.setPrefWidth(Math.max(2, 400.0 * bar.count() / max));
            fill.setMaxWidth(Region.USE_PREF_SIZE);
            Label count = new Label(bar.count() + " " + unit + (bar.count() == 1 ? "" : "s") + String.format(Locale.ROOT, "  (%.0f%%)", bar.share() * 100));
            HBox row = AwsTabs.row(name, fill, count);
            row.setAlignment(Pos.CENTER_LEFT);
            box.getChildren().add(row);
        }
    }

    /** The health state in ELBv2's console colours: green healthy, red unhealthy, amber in between. */
    private static final class HealthCell extends TableCell<LoadBalancersViewModel.TargetRow, String> {
        @Override
        protected void updateItem(String state, boolean empty) {
            super.updateItem(state, empty);
            setText(empty || state == null ? null : state);
            String colour = empty || state == null ? null : switch (state) {
                case "healthy" -> "#2e7d32";
                case "unhealthy" -> "#c62828";
                case "initial", "draining" -> "#b26a00";
                default -> null;
            };
            setStyle(colour == null ? "" : "-fx-text-fill: " + colour + "; -fx-font-weight: bold;");
        }
    }
}
