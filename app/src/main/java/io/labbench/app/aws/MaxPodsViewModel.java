package io.labbench.app.aws;

import io.labbench.cluster.vpccni.InstanceType;
import io.labbench.cluster.vpccni.InstanceTypeCatalog;
import io.labbench.cluster.vpccni.MaxPodsCalculator;
import java.util.OptionalInt;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The max-pods calculator of section 2.5: pick an instance type, secondary-IP mode or prefix
 * delegation, and optionally kubelet's maxPods; see the number and the arithmetic behind it. Works
 * offline from the shipped tables, so it is useful before any cluster exists.
 */
public final class MaxPodsViewModel {

    private final InstanceTypeCatalog catalog = InstanceTypeCatalog.builtIn();
    private final StringProperty instanceType = new SimpleStringProperty(this, "instanceType", "t3.medium");
    private final BooleanProperty prefixDelegation = new SimpleBooleanProperty(this, "prefixDelegation");
    private final IntegerProperty kubeletMaxPods = new SimpleIntegerProperty(this, "kubeletMaxPods", 0);
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result");
    private final ReadOnlyStringWrapper formula = new ReadOnlyStringWrapper(this, "formula");
    private final ObservableList<String> knownTypes = FXCollections.observableArrayList(
            "t3.micro", "t3.small", "t3.medium", "t3.large", "t3.xlarge", "t3.2xlarge", "c5.large", "c5.xlarge",
            "c5.2xlarge", "c5.4xlarge", "c5d.large", "c5d.xlarge", "m5.large", "m5.xlarge", "m5.2xlarge", "m5.4xlarge");

    public MaxPodsViewModel() {
        instanceType.addListener((o, a, b) -> recompute());
        prefixDelegation.addListener((o, a, b) -> recompute());
        kubeletMaxPods.addListener((o, a, b) -> recompute());
        recompute();
    }

    public StringProperty instanceTypeProperty() {
        return instanceType;
    }

    public BooleanProperty prefixDelegationProperty() {
        return prefixDelegation;
    }

    /** 0 means "not set" (kubelet then follows the ENI arithmetic). */
    public IntegerProperty kubeletMaxPodsProperty() {
        return kubeletMaxPods;
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty formulaProperty() {
        return formula.getReadOnlyProperty();
    }

    public ObservableList<String> knownTypes() {
        return knownTypes;
    }

    private void recompute() {
        String type = instanceType.get() == null ? "" : instanceType.get().trim();
        var limits = catalog.find(type);
        if (limits.isEmpty()) {
            var published = catalog.publishedMaxPods(type);
            result.set(published.isPresent() ? published.getAsInt() + " pods (published table)" : "Unknown instance type");
            formula.set(published.isPresent() ? "ENI details are not in the offline table; connect to AWS for DescribeInstanceTypes."
                    : "Type a type such as t3.medium, or connect to AWS to look it up.");
            return;
        }
        InstanceType l = limits.get();
        MaxPodsCalculator.Result r = MaxPodsCalculator.compute(l,
                prefixDelegation.get() ? MaxPodsCalculator.Mode.PREFIX_DELEGATION : MaxPodsCalculator.Mode.SECONDARY_IP,
                kubeletMaxPods.get() > 0 ? OptionalInt.of(kubeletMaxPods.get()) : OptionalInt.empty());
        result.set(r.effective() + " pods per node");
        formula.set(l.maxEnis() + " ENIs, " + l.ipv4PerEni() + " IPv4 addresses each: " + r.formula());
    }
}
