package io.labbench.app.aws;

import io.labbench.aws.iam.ControllerPolicies;
import io.labbench.aws.iam.PolicyAttachmentPlan;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The IAM step of the NLB and ExternalDNS sections. Planning only reads IAM; the plan's lines (create
 * the policy? attach to which of {@code masters.}/{@code nodes.}?) go to a confirm dialog, and only a
 * confirmed plan is applied — exactly that plan, nothing more.
 */
public final class IamViewModel {

    private final StringProperty clusterName = new SimpleStringProperty(this, "clusterName", "");
    private final StringProperty accountId = new SimpleStringProperty(this, "accountId", "");
    private final ObjectProperty<ControllerPolicies.Policy> policy =
            new SimpleObjectProperty<>(this, "policy", ControllerPolicies.Policy.LOAD_BALANCER_CONTROLLER);
    private final ObservableList<String> lastPlan = FXCollections.observableArrayList();
    private final StringProperty result = new SimpleStringProperty(this, "result", "");
    private final FxWork work;
    private final Supplier<ControllerPolicies> policies;

    public IamViewModel(FxWork work, Supplier<ControllerPolicies> policies) {
        this.work = work;
        this.policies = policies;
    }

    public StringProperty clusterNameProperty() {
        return clusterName;
    }

    /** Filled from the identity check; the policy ARN is built from it. */
    public StringProperty accountIdProperty() {
        return accountId;
    }

    public ObjectProperty<ControllerPolicies.Policy> policyProperty() {
        return policy;
    }

    /** The lines of the plan last prepared (shown in the confirm dialog and under it). */
    public ObservableList<String> lastPlan() {
        return lastPlan;
    }

    public StringProperty resultProperty() {
        return result;
    }

    public FxWork work() {
        return work;
    }

    /**
     * Reads IAM and hands the plan to {@code confirm} (the view's dialog) on the JavaFX thread. A plan
     * that changes nothing is reported without asking.
     */
    public void preparePlan(Consumer<PolicyAttachmentPlan> confirm) {
        String cluster = text(clusterName);
        String account = text(accountId);
        if (cluster.isEmpty() || account.isEmpty()) {
            result.set(account.isEmpty() ? "Check identity first (Account tab): the policy ARN needs the account ID."
                    : "Enter the cluster name (KOPS_CLUSTER_NAME, e.g. learn-dc.link): its roles are masters.<name> and nodes.<name>.");
            return;
        }
        ControllerPolicies.Policy chosen = policy.get();
        result.set("Reading IAM…");
        work.submit(() -> policies.get().plan(chosen, account, ControllerPolicies.kopsRoles(cluster)), plan -> {
            lastPlan.setAll(plan.describe());
            if (plan.changesNothing()) {
                result.set("Nothing to change: " + plan.policyName() + " exists and is attached to both roles.");
            } else {
                result.set("Waiting for your confirmation.");
                confirm.accept(plan);
            }
        });
    }

    /** Applies a plan the learner confirmed. */
    public void apply(PolicyAttachmentPlan plan) {
        ControllerPolicies.Policy chosen = policy.get();
        result.set("Applying…");
        work.submit(() -> {
            policies.get().apply(chosen, plan);
            return plan.describe();
        }, done -> result.set("Done: " + String.join("; ", done.stream().filter(l -> !l.startsWith("Unchanged")).toList()) + "."));
    }

    public void declined() {
        result.set("Nothing was changed.");
    }

    private static String text(StringProperty p) {
        return p.get() == null ? "" : p.get().trim();
    }

    static List<String> confirmLines(PolicyAttachmentPlan plan) {
        return plan.describe();
    }
}
