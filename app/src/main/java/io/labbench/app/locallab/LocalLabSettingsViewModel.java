package io.labbench.app.locallab;

import io.labbench.locallab.LocalLabProgress;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LabStatus;
import io.labbench.locallab.daemon.LabReroll;
import io.labbench.cluster.vpccni.InstanceType;
import io.labbench.cluster.vpccni.InstanceTypeCatalog;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;

/**
 * The "Local lab settings" dialog without its controls: what the study changes with
 * {@code kops edit cluster} / {@code kops edit ig} (instance type per node group, aws-node's
 * {@code ENABLE_PREFIX_DELEGATION} with kubelet {@code maxPods}), validated as the learner edits, and
 * applied by re-rolling the lab in the background with progress. Tested without a screen.
 */
public final class LocalLabSettingsViewModel {

    /** Re-rolls the lab with new settings (blocking; the view-model calls it off the JavaFX thread). */
    @FunctionalInterface
    public interface Reroll {
        LabStatus apply(LabSettings next, LocalLabProgress progress) throws IOException;
    }

    /** The study's value: kubelet {@code maxPods: 110}. */
    public static final int STUDY_MAX_PODS = 110;

    private final InstanceTypeCatalog catalog;
    private final Reroll reroll;
    private final Executor background;
    private final Executor uiThread;
    private final SimpleObjectProperty<LabSettings> current;

    private final StringProperty controlPlaneType = new SimpleStringProperty();
    private final StringProperty nodesType = new SimpleStringProperty();
    private final BooleanProperty prefixDelegation = new SimpleBooleanProperty();
    private final IntegerProperty maxPods = new SimpleIntegerProperty(STUDY_MAX_PODS);

    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty progressMessage = new SimpleStringProperty("");
    private final StringProperty outcome = new SimpleStringProperty("");
    private final BooleanProperty failed = new SimpleBooleanProperty();

    private final StringBinding problem;
    private final StringBinding nodesCapacity;
    private final StringBinding controlPlaneCapacity;
    private final BooleanBinding changed;
    private final BooleanBinding canApply;

    /**
     * @param current     the settings the running lab was started with
     * @param background  runs the re-roll (it takes seconds)
     * @param uiThread    where property changes go ({@code Platform::runLater}; tests pass {@code Runnable::run})
     */
    public LocalLabSettingsViewModel(LabSettings current, InstanceTypeCatalog catalog, Reroll reroll,
                                     Executor background, Executor uiThread) {
        this.catalog = catalog;
        this.reroll = reroll;
        this.background = background;
        this.uiThread = uiThread;
        this.current = new SimpleObjectProperty<>(current);
        load(current);
        problem = Bindings.createStringBinding(this::validate, controlPlaneType, nodesType, prefixDelegation, maxPods);
        nodesCapacity = Bindings.createStringBinding(() -> capacity(nodesType.get()), nodesType, prefixDelegation, maxPods);
        controlPlaneCapacity = Bindings.createStringBinding(() -> capacity(controlPlaneType.get()),
                controlPlaneType, prefixDelegation, maxPods);
        changed = Bindings.createBooleanBinding(() -> problem.get().isEmpty() && !chosen().equals(this.current.get()),
                problem, controlPlaneType, nodesType, prefixDelegation, maxPods, this.current);
        canApply = changed.and(busy.not());
    }

    private void load(LabSettings s) {
        controlPlaneType.set(s.controlPlaneInstanceType());
        nodesType.set(s.nodesInstanceType());
        prefixDelegation.set(s.prefixDelegation());
        maxPods.set(s.prefixDelegation() && s.kubeletMaxPods() > 0 ? s.kubeletMaxPods() : STUDY_MAX_PODS);
    }

    /** The instance types the lab can emulate (the shipped ENI table), for the two choice boxes. */
    public List<String> instanceTypes() {
        return List.copyOf(catalog.types().keySet());
    }

    /** Everything wrong with the choice, saying what would be accepted; empty when it can be applied. */
    private String validate() {
        Optional<InstanceType> cp = catalog.find(controlPlaneType.get() == null ? "" : controlPlaneType.get());
        Optional<InstanceType> nodes = catalog.find(nodesType.get() == null ? "" : nodesType.get());
        if (cp.isEmpty() || nodes.isEmpty()) {
            return "Choose instance types from the list (the shipped ENI table knows " + catalog.types().size() + " types).";
        }
        if (prefixDelegation.get()) {
            for (InstanceType t : List.of(cp.get(), nodes.get())) {
                if (!t.nitro()) {
                    return "Prefix delegation needs Nitro instances; " + t.name() + " is not one. Choose a t3, c5 or m5 type.";
                }
            }
            if (maxPods.get() < 1 || maxPods.get() > 250) {
                return "kubelet maxPods must be between 1 and 250 (the study uses 110).";
            }
        }
        return "";
    }

    /** What one node of this type holds, with the arithmetic the study does by hand. */
    private String capacity(String typeName) {
        Optional<InstanceType> found = catalog.find(typeName == null ? "" : typeName);
        if (found.isEmpty()) {
            return "";
        }
        InstanceType t = found.get();
        String formula = t.maxEnis() + " ENIs × (" + t.ipv4PerEni() + " IPs − 1) + 2 = " + t.eniMaxPods() + " pods";
        if (!prefixDelegation.get()) {
            return formula + ", " + t.vcpus() + " vCPU";
        }
        int ips = t.podIpCapacity(true);
        return "maxPods " + maxPods.get() + " (/28 prefixes give " + ips + " pod IPs; without them " + t.eniMaxPods()
                + "), " + t.vcpus() + " vCPU";
    }

    /** The settings as chosen, on top of the running lab's (prefix, folders, cluster name). */
    public LabSettings chosen() {
        LabSettings base = current.get().withInstanceTypes(controlPlaneType.get(), nodesType.get());
        return prefixDelegation.get() ? base.withPrefixDelegation(maxPods.get()) : base.withoutPrefixDelegation();
    }

    /** Puts the study's defaults back into the form (t3.medium, prefix delegation off); apply re-rolls. */
    public void resetToStudyDefaults() {
        controlPlaneType.set(LabSettings.DEFAULT_INSTANCE_TYPE);
        nodesType.set(LabSettings.DEFAULT_INSTANCE_TYPE);
        prefixDelegation.set(false);
        maxPods.set(STUDY_MAX_PODS);
    }

    /**
     * Re-rolls the lab with the chosen settings in the background. Progress, the outcome and the busy
     * flag change on the UI thread; the future completes with the new lab's status or the failure.
     */
    public CompletableFuture<LabStatus> apply() {
        if (!canApply.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    problem.get().isEmpty() ? "nothing to apply: the lab already runs with these settings" : problem.get()));
        }
        LabSettings next = chosen();
        busy.set(true);
        failed.set(false);
        outcome.set("");
        progress.set(0);
        progressMessage.set("Re-rolling the nodes with " + LabReroll.describe(next));
        return CompletableFuture.supplyAsync(() -> {
            try {
                return reroll.apply(next, (done, total, message) -> uiThread.execute(() -> {
                    progress.set(total == 0 ? 0 : (double) done / total);
                    progressMessage.set(message);
                }));
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, background).whenComplete((status, error) -> uiThread.execute(() -> {
            busy.set(false);
            if (error == null) {
                current.set(next);
                progress.set(1);
                outcome.set("The nodes were re-rolled with " + LabReroll.describe(next) + " in " + status.upMillis() / 1000.0
                        + " s; the terminals reconnect. Pods and their IPs are new, as after kops rolling-update.");
            } else {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                failed.set(true);
                outcome.set("Re-roll failed: " + cause.getMessage());
            }
        }));
    }

    public StringProperty controlPlaneTypeProperty() {
        return controlPlaneType;
    }

    public StringProperty nodesTypeProperty() {
        return nodesType;
    }

    public BooleanProperty prefixDelegationProperty() {
        return prefixDelegation;
    }

    public IntegerProperty maxPodsProperty() {
        return maxPods;
    }

    /** Why the choice cannot be applied; empty when it can. */
    public ObservableStringValue problemProperty() {
        return problem;
    }

    /** e.g. {@code 3 ENIs × (6 IPs − 1) + 2 = 17 pods, 2 vCPU} for a worker. */
    public ObservableStringValue nodesCapacityProperty() {
        return nodesCapacity;
    }

    public ObservableStringValue controlPlaneCapacityProperty() {
        return controlPlaneCapacity;
    }

    /** The choice differs from the running lab and is valid. */
    public ObservableBooleanValue changedProperty() {
        return changed;
    }

    public ObservableBooleanValue canApplyProperty() {
        return canApply;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** 0..1 over the down and up steps of the re-roll. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty progressMessageProperty() {
        return progressMessage;
    }

    /** What the last apply did, or why it failed and what to do. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome;
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed;
    }

    public LabSettings current() {
        return current.get();
    }
}
