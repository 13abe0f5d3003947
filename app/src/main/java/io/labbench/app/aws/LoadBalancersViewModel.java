package io.labbench.app.aws;

import io.labbench.aws.elb.DistributionTest;
import io.labbench.aws.elb.LoadBalancerInventory;
import io.labbench.aws.elb.LoadBalancerView;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Load balancers tab: the account's load balancers from ELBv2 (the same calls as the learner's
 * {@code aws elbv2 describe-*}), the selected one's listeners and target groups, the selected target
 * group's targets with their health, and a histogram of how its connections were spread over the
 * targets (from the data plane's counters where there are any, {@link TargetTraffic}). While live, a
 * background thread re-reads everything once a second. Below it, the study's distribution test: N
 * requests to the NLB name, counted by the pod that answered.
 */
public final class LoadBalancersViewModel {

    /** What the learner does when there is nothing to show: the lab step that makes the first NLB. */
    static final String NONE_YET = "No load balancers yet. Section 2.6's step \"Deploy the echo server and the NLB service\""
            + " (s26-deploy) creates one: with the controller enabled (s26-addon) and its policy attached (s26-attach),"
            + " `kubectl apply -f ~/pkos/2/echo-service-nlb.yaml` in kops-ec2. It shows here within seconds.";
    static final Duration PERIOD = Duration.ofSeconds(1);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** One target of the selected target group: a row of the health table. */
    public record TargetRow(String target, String state, String reason) {
    }

    /** One bar of a histogram: how many connections (or answers) went to {@code target}. */
    public record Bar(String target, long count, double share) {
    }

    /** One read of everything the tab shows: load balancers and each target group's traffic. */
    record Snapshot(List<LoadBalancerView> loadBalancers, Map<String, TargetTraffic.Reading> trafficByGroup, LocalTime at) {
    }

    private final ObservableList<LoadBalancerView> loadBalancers = FXCollections.observableArrayList();
    private final ObjectProperty<LoadBalancerView> selectedLoadBalancer = new SimpleObjectProperty<>(this, "selectedLoadBalancer");
    private final ObservableList<String> listeners = FXCollections.observableArrayList();
    private final ObservableList<LoadBalancerView.TargetGroupView> targetGroups = FXCollections.observableArrayList();
    private final ObjectProperty<LoadBalancerView.TargetGroupView> selectedTargetGroup = new SimpleObjectProperty<>(this, "selectedTargetGroup");
    private final ObservableList<TargetRow> targets = FXCollections.observableArrayList();
    private final ObservableList<Bar> traffic = FXCollections.observableArrayList();
    private final StringProperty trafficNote = new SimpleStringProperty(this, "trafficNote", "");
    private final StringProperty status = new SimpleStringProperty(this, "status", "Not read yet.");
    private final StringProperty problem = new SimpleStringProperty(this, "problem", "");
    private final BooleanProperty live = new SimpleBooleanProperty(this, "live", true);
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", false);

    private final ObservableList<Bar> answers = FXCollections.observableArrayList();
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final IntegerProperty requests = new SimpleIntegerProperty(this, "requests", 100);
    private final DoubleProperty testProgress = new SimpleDoubleProperty(this, "testProgress", 0);
    private final StringProperty testSummary = new SimpleStringProperty(this, "testSummary", "");
    private final FxWork testWork;
    private final DistributionTest distribution;

    private final Supplier<LoadBalancerInventory> inventory;
    private final TargetTraffic trafficSource;
    private final TrafficTally tally = new TrafficTally();
    private final LivePoll<Snapshot> poll;
    private Snapshot last = new Snapshot(List.of(), Map.of(), LocalTime.MIN);
    private String wantedLoadBalancer = "";
    private String wantedTargetGroup = "";

    /**
     * @param inventory    ELBv2 of the account the window is on (read on the poll thread)
     * @param traffic      per-target counts ({@link LocalLabTargetTraffic} on the lab, {@link TargetTraffic#onAws()} on AWS)
     */
    public LoadBalancersViewModel(FxWork testWork, Supplier<LoadBalancerInventory> inventory, TargetTraffic traffic,
                                  DistributionTest distribution) {
        this.testWork = testWork;
        this.inventory = inventory;
        this.trafficSource = traffic;
        this.distribution = distribution;
        this.poll = new LivePoll<>("labbench-load-balancers", PERIOD, this::read, this::show, this::failed);
        // polling AWS once a second is only worth it while someone looks (the window is also built hidden)
        live.addListener((o, was, on) -> pollWhileWatched());
        shown.addListener((o, was, on) -> pollWhileWatched());
        selectedLoadBalancer.addListener((o, a, lb) -> {
            if (lb != null) {
                wantedLoadBalancer = lb.name();
            }
            showLoadBalancer();
        });
        selectedTargetGroup.addListener((o, a, tg) -> {
            if (tg != null) {
                wantedTargetGroup = tg.arn();
            }
            showTargetGroup();
        });
        testWork.problemProperty().addListener((o, a, p) -> {
            if (!p.isEmpty()) {
                testSummary.set(p);
            }
        });
    }

    public ObservableList<LoadBalancerView> loadBalancers() {
        return loadBalancers;
    }

    /** The load balancer whose listeners and target groups are shown; the view's table selection writes it. */
    public ObjectProperty<LoadBalancerView> selectedLoadBalancerProperty() {
        return selectedLoadBalancer;
    }

    public ObservableList<String> listeners() {
        return listeners;
    }

    public ObservableList<LoadBalancerView.TargetGroupView> targetGroups() {
        return targetGroups;
    }

    public ObjectProperty<LoadBalancerView.TargetGroupView> selectedTargetGroupProperty() {
        return selectedTargetGroup;
    }

    /** The selected target group's targets and their health. */
    public ObservableList<TargetRow> targets() {
        return targets;
    }

    /** How the selected target group's connections were spread over its targets. */
    public ObservableList<Bar> traffic() {
        return traffic;
    }

    /** Where {@link #traffic()} comes from, or why there is none and what to use instead. */
    public StringProperty trafficNoteProperty() {
        return trafficNote;
    }

    /** "Updated 10:31:02 · 1 load balancer", or the lab step that creates the first one. */
    public StringProperty statusProperty() {
        return status;
    }

    /** The last read's failure, explained; empty after a good read. */
    public StringProperty problemProperty() {
        return problem;
    }

    /** While true (the default) and the tab is shown, everything is re-read once a second on a background thread. */
    public BooleanProperty liveProperty() {
        return live;
    }

    /** Whether the tab is on screen (its window showing and the tab selected); the view binds it. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    private void pollWhileWatched() {
        if (live.get() && shown.get()) {
            if (last.at().equals(LocalTime.MIN)) {
                status.set("Reading the load balancers…"); // the first read builds the SDK client: seconds on a busy machine
            }
            poll.start();
        } else {
            poll.stop();
        }
    }

    /** Reads once now (off the JavaFX thread). */
    public void refresh() {
        poll.now();
    }

    /** Counts only connections from now on (e.g. before one curl loop). */
    public void resetTraffic() {
        tally.reset();
        traffic.setAll(bars(Map.of(), targets.stream().map(TargetRow::target).toList()));
    }

    /** Stops the background reads for good. */
    public void close() {
        poll.close();
    }

    // --- the poll thread -------------------------------------------------------------------------

    private Snapshot read() throws Exception {
        List<LoadBalancerView> views = inventory.get().loadBalancers();
        Map<String, TargetTraffic.Reading> byGroup = new LinkedHashMap<>();
        for (LoadBalancerView lb : views) {
            for (LoadBalancerView.TargetGroupView group : lb.targetGroups()) {
                TargetTraffic.Reading reading;
                try {
                    reading = trafficSource.read(lb, group);
                } catch (IOException e) {
                    // the counters failing must not hide the health table
                    reading = new TargetTraffic.Unavailable("Could not read the per-target counts: " + e.getMessage()
                            + ". The health table above is unaffected; the counts return with the next good read.");
                }
                if (reading instanceof TargetTraffic.Counted counted) {
                    reading = new TargetTraffic.Counted(tally.add(group.arn(), counted.connectionsByTarget()), counted.source());
                }
                byGroup.put(group.arn(), reading);
            }
        }
        return new Snapshot(views, byGroup, LocalTime.now());
    }

    // --- the JavaFX thread -----------------------------------------------------------------------

    private void failed(String text) {
        problem.set(text);
    }

    private void show(Snapshot snapshot) {
        last = snapshot;
        problem.set("");
        List<LoadBalancerView> views = snapshot.loadBalancers();
        status.set(views.isEmpty() ? NONE_YET : "Updated " + CLOCK.format(snapshot.at()) + " · " + views.size()
                + (views.size() == 1 ? " load balancer" : " load balancers"));
        String keep = wantedLoadBalancer;
        if (!views.equals(loadBalancers)) {
            loadBalancers.setAll(views);
        }
        Optional<LoadBalancerView> again = views.stream().filter(v -> v.name().equals(keep)).findFirst()
                .or(() -> views.stream().filter(v -> "network".equals(v.type())).findFirst())
                .or(() -> views.stream().findFirst());
        if (Objects.equals(selectedLoadBalancer.get(), again.orElse(null))) {
            showLoadBalancer(); // same view, new traffic
        } else {
            selectedLoadBalancer.set(again.orElse(null));
        }
        if ((target.get() == null || target.get().isBlank()) && again.isPresent()) {
            target.set(again.get().dnsName());
        }
    }

    private void showLoadBalancer() {
        LoadBalancerView lb = selectedLoadBalancer.get();
        List<String> ls = lb == null ? List.of() : lb.listeners();
        if (!ls.equals(listeners)) {
            listeners.setAll(ls);
        }
        List<LoadBalancerView.TargetGroupView> groups = lb == null ? List.of() : lb.targetGroups();
        if (!groups.equals(targetGroups)) {
            targetGroups.setAll(groups);
        }
        String keep = wantedTargetGroup;
        LoadBalancerView.TargetGroupView again = groups.stream().filter(g -> g.arn().equals(keep)).findFirst()
                .orElse(groups.isEmpty() ? null : groups.get(0));
        if (Objects.equals(selectedTargetGroup.get(), again)) {
            showTargetGroup();
        } else {
            selectedTargetGroup.set(again);
        }
    }

    private void showTargetGroup() {
        LoadBalancerView.TargetGroupView group = selectedTargetGroup.get();
        if (group == null) {
            targets.clear();
            traffic.clear();
            LoadBalancerView lb = selectedLoadBalancer.get();
            trafficNote.set(lb == null ? "" : lb.name() + " has no target group yet: the controller registers one with the Service's pods.");
            return;
        }
        List<TargetRow> rows = new ArrayList<>();
        for (LoadBalancerView.TargetView t : group.targets()) {
            String why = t.reason().isEmpty() ? t.description()
                    : t.reason() + (t.description().isEmpty() ? "" : ": " + t.description());
            rows.add(new TargetRow(t.id() + ":" + t.port(), t.state(), why));
        }
        if (!rows.equals(targets)) {
            targets.setAll(rows);
        }
        TargetTraffic.Reading reading = last.trafficByGroup().get(group.arn());
        if (reading instanceof TargetTraffic.Counted counted) {
            List<Bar> bars = bars(counted.connectionsByTarget(), rows.stream().map(TargetRow::target).toList());
            if (!bars.equals(traffic)) {
                traffic.setAll(bars);
            }
            long sum = counted.connectionsByTarget().values().stream().mapToLong(Long::longValue).sum();
            trafficNote.set(sum + (sum == 1 ? " connection" : " connections") + " over " + bars.size() + " target(s), since counting began"
                    + " or since Reset: " + counted.source() + ".");
        } else {
            traffic.clear();
            trafficNote.set(reading instanceof TargetTraffic.Unavailable u ? u.why() : "");
        }
    }

    /** A bar per registered target (zero when it took nothing), plus any target that took connections and has since left. */
    private static List<Bar> bars(Map<String, Long> counts, List<String> registered) {
        Map<String, Long> all = new LinkedHashMap<>();
        registered.forEach(t -> all.put(t, counts.getOrDefault(t, 0L)));
        counts.forEach(all::putIfAbsent);
        long sum = all.values().stream().mapToLong(Long::longValue).sum();
        List<Bar> bars = new ArrayList<>();
        all.forEach((t, n) -> bars.add(new Bar(t, n, sum == 0 ? 0 : (double) n / sum)));
        return bars;
    }

    // --- the distribution test -------------------------------------------------------------------

    /** Which pod answered each request of the last distribution test. */
    public ObservableList<Bar> answers() {
        return answers;
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

    public FxWork testWork() {
        return testWork;
    }

    /** Why the distribution test cannot run from here, and what to do instead (empty where it can). */
    public Optional<String> distributionTestUnreachable() {
        return trafficSource.distributionTestUnreachable();
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
        answers.clear();
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
                    answers.setAll(bars);
                    testSummary.set(answered + " answers from " + bars.size() + " pod(s)"
                            + (result.failures() > 0 ? ", " + result.failures() + " requests failed (connection refused or timed out)" : "")
                            + " in " + StackCreationViewModel.format(result.elapsed()) + ".");
                });
    }
}
