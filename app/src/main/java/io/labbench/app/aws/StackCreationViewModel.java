package io.labbench.app.aws;

import io.labbench.aws.cfn.StackDeployment;
import io.labbench.aws.cfn.StackEvent;
import io.labbench.aws.cfn.StackOutcome;
import io.labbench.aws.cfn.StackProgressListener;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Creating the stack: CloudFormation's events stream in as they happen, a progress bar counts the
 * template's resources, the elapsed time ticks, failure reasons are shown, and the outputs (the
 * kops-ec2 address) go to whoever sets up the workspace's endpoints.
 */
public final class StackCreationViewModel {

    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final StringProperty elapsed = new SimpleStringProperty(this, "elapsed", "");
    private final StringProperty failure = new SimpleStringProperty(this, "failure", "");
    private final ObservableList<StackEvent> events = FXCollections.observableArrayList();
    private final FxWork work;
    private final Supplier<StackDeployment> deployments;
    private final Consumer<Map<String, String>> onOutputs;

    public StackCreationViewModel(FxWork work, Supplier<StackDeployment> deployments, Consumer<Map<String, String>> onOutputs) {
        this.work = work;
        this.deployments = deployments;
        this.onOutputs = onOutputs;
        work.problemProperty().addListener((obs, o, problem) -> {
            if (!problem.isEmpty()) {
                failure.set(problem);
                status.set("Failed");
            }
        });
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty elapsedProperty() {
        return elapsed;
    }

    public StringProperty failureProperty() {
        return failure;
    }

    public ObservableList<StackEvent> events() {
        return events;
    }

    public FxWork work() {
        return work;
    }

    public void create(StackFormViewModel form) {
        if (!form.validate()) {
            failure.set("The form has problems: fix the highlighted fields first.");
            return;
        }
        events.clear();
        failure.set("");
        status.set("Sending CreateStack…");
        progress.set(ProgressIndicatorValue.INDETERMINATE);
        StackProgressListener listener = new StackProgressListener() {
            @Override
            public void onEvent(StackEvent event) {
                Platform.runLater(() -> events.add(0, event));
            }

            @Override
            public void onProgress(String stackStatus, int completed, int total, Duration took) {
                Platform.runLater(() -> {
                    status.set(stackStatus + " — " + completed + " of " + total + " resources");
                    progress.set(total == 0 ? ProgressIndicatorValue.INDETERMINATE : (double) completed / total);
                    elapsed.set(format(took));
                });
            }
        };
        work.submit(() -> deployments.get().create(form.stackNameProperty().get(), form.templateBody(), form.values(),
                form.template().resourceCount(), listener), this::finished);
    }

    private void finished(StackOutcome outcome) {
        status.set(outcome.status());
        elapsed.set(format(outcome.elapsed()));
        if (outcome.succeeded()) {
            progress.set(1);
            onOutputs.accept(outcome.outputs());
        } else {
            StringBuilder why = new StringBuilder("The stack ended in " + outcome.status() + ".");
            outcome.failures().forEach(f -> why.append("\n• ").append(f.logicalId()).append(": ").append(f.reason()));
            why.append("\nFix the cause, delete the stack (Cleanup), and create it again.");
            failure.set(why.toString());
        }
    }

    static String format(Duration d) {
        return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    /** JavaFX's ProgressBar value for "still working, amount unknown". */
    static final class ProgressIndicatorValue {
        static final double INDETERMINATE = -1;

        private ProgressIndicatorValue() {
        }
    }
}
