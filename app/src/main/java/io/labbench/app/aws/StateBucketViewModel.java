package io.labbench.app.aws;

import io.labbench.aws.s3.BucketNameRules;
import io.labbench.aws.s3.StateBucketService;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The kOps state store (study step 1.2.1): the account's buckets, and a name field checked against
 * S3's naming rules as the learner types, so nothing invalid is ever sent.
 */
public final class StateBucketViewModel {

    private final StringProperty bucketName = new SimpleStringProperty(this, "bucketName", "");
    private final ReadOnlyStringWrapper nameProblems = new ReadOnlyStringWrapper(this, "nameProblems", "");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
    private final ObservableList<String> buckets = FXCollections.observableArrayList();
    private final FxWork work;
    private final Supplier<StateBucketService> service;

    public StateBucketViewModel(FxWork work, Supplier<StateBucketService> service) {
        this.work = work;
        this.service = service;
        bucketName.addListener((o, a, b) -> checkName());
        checkName();
    }

    public StringProperty bucketNameProperty() {
        return bucketName;
    }

    /** Every S3 naming rule the typed name breaks, one sentence each; empty when it is fine. */
    public ReadOnlyStringProperty nameProblemsProperty() {
        return nameProblems.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ObservableList<String> buckets() {
        return buckets;
    }

    public FxWork work() {
        return work;
    }

    public boolean nameIsValid() {
        return BucketNameRules.problems(name()).isEmpty();
    }

    public void refresh() {
        work.submit(() -> service.get().bucketNames(), buckets::setAll);
    }

    public void create() {
        String name = name();
        if (!nameIsValid()) {
            checkName();
            return;
        }
        result.set("Creating " + name + "…");
        work.submit(() -> {
            StateBucketService s3 = service.get();
            s3.create(name);
            return s3.bucketNames();
        }, names -> {
            buckets.setAll(names);
            result.set("Created s3://" + name + " — use it as the state store (KOPS_STATE_STORE=s3://" + name + ").");
        });
    }

    private String name() {
        return bucketName.get() == null ? "" : bucketName.get().trim();
    }

    private void checkName() {
        String name = name();
        List<String> problems = name.isEmpty() ? List.of() : BucketNameRules.problems(name);
        nameProblems.set(String.join(" ", problems));
    }
}
