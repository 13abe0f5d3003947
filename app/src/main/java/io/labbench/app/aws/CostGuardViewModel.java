package io.labbench.app.aws;

import io.labbench.app.shell.TerminalDirectory;
import io.labbench.aws.cfn.StackDeployment;
import io.labbench.aws.cfn.StackEvent;
import io.labbench.aws.cfn.StackProgressListener;
import io.labbench.aws.cost.CostGuard;
import io.labbench.aws.cost.RunningResource;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the lab has running in AWS and what it costs per hour, and the study's cleanup: {@code kops
 * delete cluster --yes} typed into the kops-ec2 terminal (where kOps and its state store live), then
 * the CloudFormation stack deleted with its progress followed. The main window asks
 * {@link #hasRunningResources()} before it closes.
 */
public final class CostGuardViewModel {

    /** The command the study's cleanup runs on kops-ec2. */
    public static final String KOPS_DELETE = "kops delete cluster --yes";

    private final StringProperty stackName = new SimpleStringProperty(this, "stackName", "mkops");
    private final StringProperty clusterName = new SimpleStringProperty(this, "clusterName", "");
    private final StringProperty total = new SimpleStringProperty(this, "total", "Not checked yet");
    private final StringProperty cleanupStatus = new SimpleStringProperty(this, "cleanupStatus", "");
    private final DoubleProperty cleanupProgress = new SimpleDoubleProperty(this, "cleanupProgress", 0);
    private final ObservableList<RunningResource> resources = FXCollections.observableArrayList();
    private final FxWork work;
    private final FxWork cleanupWork;
    private final Supplier<CostGuard> guard;
    private final Supplier<StackDeployment> deployments;
    private final TerminalDirectory terminals;

    public CostGuardViewModel(FxWork work, FxWork cleanupWork, Supplier<CostGuard> guard, Supplier<StackDeployment> deployments,
                              TerminalDirectory terminals) {
        this.work = work;
        this.cleanupWork = cleanupWork;
        this.guard = guard;
        this.deployments = deployments;
        this.terminals = terminals;
        cleanupWork.problemProperty().addListener((o, a, problem) -> {
            if (!problem.isEmpty()) {
                cleanupStatus.set("Stack deletion failed: " + problem);
            }
        });
    }

    public StringProperty stackNameProperty() {
        return stackName;
    }

    public StringProperty clusterNameProperty() {
        return clusterName;
    }

    public StringProperty totalProperty() {
        return total;
    }

    public StringProperty cleanupStatusProperty() {
        return cleanupStatus;
    }

    public DoubleProperty cleanupProgressProperty() {
        return cleanupProgress;
    }

    public ObservableList<RunningResource> resources() {
        return resources;
    }

    public FxWork work() {
        return work;
    }

    public FxWork cleanupWork() {
        return cleanupWork;
    }

    /** True while the last check found anything that costs money (the exit warning asks this). */
    public boolean hasRunningResources() {
        return !resources.isEmpty();
    }

    public BooleanBinding runningBinding() {
        return Bindings.isNotEmpty(resources);
    }

    public void refresh() {
        String stack = text(stackName);
        String cluster = text(clusterName);
        work.submit(() -> guard.get().running(stack, cluster), found -> {
            resources.setAll(found);
            total.set(found.isEmpty() ? "Nothing of this lab is running." + (cluster.isEmpty() ? " (Enter the cluster name to check its instances and volumes too.)" : "")
                    : String.format(Locale.ROOT, "About $%.3f per hour (≈ $%.2f per day) for %d resource(s) — an estimate from on-demand us-east-1 prices.",
                    CostGuard.hourlyTotal(found), CostGuard.hourlyTotal(found) * 24, found.size())
                    + (cluster.isEmpty() ? " Enter the cluster name to include the cluster's instances and volumes." : ""));
        });
    }

    /** Types the study's cluster deletion into the kops-ec2 terminal (the view asks for confirmation first). */
    public void deleteCluster() {
        terminals.type("kops-ec2", KOPS_DELETE, true);
        terminals.focus("kops-ec2");
        cleanupStatus.set("`" + KOPS_DELETE + "` is running in the kops-ec2 terminal; it takes a few minutes. Delete the stack once it says \"Deleted cluster\".");
    }

    /** Deletes the stack and follows it to DELETE_COMPLETE (the view asks for confirmation first). */
    public void deleteStack() {
        String stack = text(stackName);
        if (stack.isEmpty()) {
            cleanupStatus.set("Enter the stack name (the study's is mkops).");
            return;
        }
        cleanupProgress.set(-1);
        cleanupStatus.set("Deleting stack " + stack + "…");
        StackProgressListener listener = new StackProgressListener() {
            @Override
            public void onEvent(StackEvent event) {
                if (event.isFailure()) {
                    Platform.runLater(() -> cleanupStatus.set(event.logicalId() + ": " + event.status() + " — " + event.reason()));
                }
            }

            @Override
            public void onProgress(String stackStatus, int completed, int totalResources, Duration took) {
                Platform.runLater(() -> {
                    cleanupStatus.set(stackStatus + " — " + StackCreationViewModel.format(took) + " elapsed");
                    if (totalResources > 0) {
                        cleanupProgress.set((double) completed / totalResources);
                    }
                });
            }
        };
        int resourceCount = 1;
        cleanupWork.submit(() -> deployments.get().delete(stack, resourceCount, listener), outcome -> {
            cleanupProgress.set(1);
            cleanupStatus.set(outcome.status().equals("DELETE_COMPLETE")
                    ? "Stack " + stack + " deleted (" + StackCreationViewModel.format(outcome.elapsed()) + "). Refresh to confirm nothing is left."
                    : "Stack " + stack + " ended in " + outcome.status() + ": " + String.join("; ",
                    outcome.failures().stream().map(f -> f.logicalId() + ": " + f.reason()).toList())
                    + ". Remove what blocks it (often a leftover NLB or ENI) and delete again.");
            refresh();
        });
    }

    private static String text(StringProperty p) {
        return p.get() == null ? "" : p.get().trim();
    }

    static List<String> kinds(List<RunningResource> r) {
        return r.stream().map(x -> x.kind().name()).toList();
    }
}
