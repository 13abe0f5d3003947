package io.labbench.app.aws;

import io.labbench.aws.elb.DistributionTest;
import io.labbench.aws.elb.LoadBalancerInventory;
import io.labbench.aws.elb.LoadBalancerView;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The NLB section's live view: load balancers with listeners, target groups and each target's
 * health (refreshed on demand or on a timer by the view), and the study's distribution test — N
 * requests to the NLB name, counted by the pod that answered.
 */
public final class LoadBalancersViewModel {

    /** One target of one target group of one load balancer: a row of the health table. */
    public record TargetRow(String loadBalancer, String dnsName, String listeners, String targetGroup, String targetType,
                            String target, String state, String reason) {
    }

    /** One bar of the histogram: how many answers came from {@code pod}. */
    public record Bar(String pod, int count, double share) {
    }

    private final ObservableList<LoadBalancerView> loadBalancers = FXCollections.observableArrayList();
    private final ObservableList<TargetRow> targets = FXCollections.observableArrayList();
    private final ObservableList<Bar> histogram = FXCollections.observableArrayList();
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final IntegerProperty requests = new SimpleIntegerProperty(this, "requests", 100);
    private final DoubleProperty testProgress = new SimpleDoubleProperty(this, "testProgress", 0);
    private final StringProperty testSummary = new SimpleStringProperty(this, "testSummary", "");
    private final FxWork work;
    private final FxWork testWork;
    private final Supplier<LoadBalancerInventory> inventory;
    private final DistributionTest distribution;

    public LoadBalancersViewModel(FxWork work, FxWork testWork, Supplier<LoadBalancerInventory> inventory, DistributionTest distribution) {
        this.work = work;
        this.testWork = testWork;
        this.inventory = inventory;
        this.distribution = distribution;
        testWork.problemProperty().addListener((o, a, problem) -> {
            if (!problem.isEmpty()) {
                testSummary.set(problem);
            }
        });
    }

    public ObservableList<LoadBalancerView> loadBalancers() {
        return loadBalancers;
    }

    public ObservableList<TargetRow> targets() {
        return targets;
    }

    public ObservableList<Bar> histogram() {
        return histogram;
    }

    /** The NLB's DNS name (or a full URL) the distribution test sends its requests to. */
    public StringProperty targetProperty() {
        return target;
    }

    public IntegerProperty requestsProperty() {
        return requests;
    }

    public DoubleProperty testProgressProperty() {
        return testProgress;
    }

    public StringProperty testSummaryProperty() {
        return testSummary;
    }

    public FxWork work() {
        return work;
    }

    public FxWork testWork() {
        return testWork;
    }

    public void refresh() {
        work.submit(() -> inventory.get().loadBalancers(), this::show);
    }

    private void show(List<LoadBalancerView> views) {
        loadBalancers.setAll(views);
        List<TargetRow> rows = new ArrayList<>();
        for (LoadBalancerView lb : views) {
            String listeners = String.join(", ", lb.listeners());
            if (lb.targetGroups().isEmpty()) {
                rows.add(new TargetRow(lb.name(), lb.dnsName(), listeners, "", "", "", lb.state(), ""));
            }
            for (LoadBalancerView.TargetGroupView tg : lb.targetGroups()) {
                if (tg.targets().isEmpty()) {
                    rows.add(new TargetRow(lb.name(), lb.dnsName(), listeners, tg.name(), tg.targetType(), "(no targets)", "", ""));
                }
                for (LoadBalancerView.TargetView t : tg.targets()) {
                    String reason = t.reason().isEmpty() ? t.description() : t.reason() + (t.description().isEmpty() ? "" : ": " + t.description());
                    rows.add(new TargetRow(lb.name(), lb.dnsName(), listeners, tg.name(), tg.targetType(), t.id() + ":" + t.port(), t.state(), reason));
                }
            }
        }
        targets.setAll(rows);
        if ((target.get() == null || target.get().isBlank()) && !views.isEmpty()) {
            views.stream().filter(v -> "network".equals(v.type())).findFirst().or(() -> views.stream().findFirst())
                    .ifPresent(v -> target.set(v.dnsName()));
        }
    }

    /** Like the study's {@code for i in $(seq 1 100); do curl -s $NLB | grep Hostname; done | sort | uniq -c}. */
    public void runDistributionTest() {
        String raw = target.get() == null ? "" : target.get().trim();
        if (raw.isEmpty()) {
            testSummary.set("Enter the NLB's DNS name (from the table above or `kubectl get svc`) first.");
            return;
        }
        URI uri;
        try {
            uri = URI.create(raw.contains("://") ? raw : "http://" + raw + "/");
        } catch (IllegalArgumentException e) {
            testSummary.set("\"" + raw + "\" is not a host name or URL: " + e.getMessage());
            return;
        }
        int count = Math.max(1, requests.get());
        histogram.clear();
        testProgress.set(0);
        testSummary.set("Sending " + count + " requests to " + uri + "…");
        testWork.submit(() -> distribution.run(uri, count, done -> Platform.runLater(() -> testProgress.set((double) done / count))),
                result -> {
                    testProgress.set(1);
                    int answered = result.answersByPod().values().stream().mapToInt(Integer::intValue).sum();
                    List<Bar> bars = new ArrayList<>();
                    for (Map.Entry<String, Integer> e : result.answersByPod().entrySet()) {
                        bars.add(new Bar(e.getKey(), e.getValue(), answered == 0 ? 0 : (double) e.getValue() / answered));
                    }
                    histogram.setAll(bars);
                    testSummary.set(answered + " answers from " + bars.size() + " pod(s)"
                            + (result.failures() > 0 ? ", " + result.failures() + " requests failed (connection refused or timed out)" : "")
                            + " in " + StackCreationViewModel.format(result.elapsed()) + ".");
                });
    }
}
