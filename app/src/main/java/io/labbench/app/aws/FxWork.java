package io.labbench.app.aws;

import io.labbench.aws.AwsFailure;
import io.labbench.aws.AwsProblems;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Runs AWS calls off the JavaFX thread and brings the outcome back to it: {@code busy} while running,
 * {@code problem} holding the learner-facing explanation of a failure (never a stack trace).
 */
public final class FxWork {

    /** An AWS call that may fail with an explained {@link AwsFailure}. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws Exception;
    }

    private final Executor executor;
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final StringProperty problem = new SimpleStringProperty(this, "problem", "");

    public FxWork(Executor executor) {
        this.executor = executor;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    public <T> void submit(Call<T> call, Consumer<T> onSuccess) {
        busy.set(true);
        problem.set("");
        executor.execute(() -> {
            try {
                T result = call.run();
                Platform.runLater(() -> {
                    busy.set(false);
                    onSuccess.accept(result);
                });
            } catch (Exception e) {
                String text = e instanceof AwsFailure failure ? failure.problem().toString()
                        : AwsProblems.explain(e).toString();
                Platform.runLater(() -> {
                    busy.set(false);
                    problem.set(text);
                });
            }
        });
    }
}
