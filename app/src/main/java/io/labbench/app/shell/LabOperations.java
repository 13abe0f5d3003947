package io.labbench.app.shell;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Runs a lab file's {@code operation:} actions ({@code aws.s3.create-bucket},
 * {@code aws.cloudformation.create-stack}, …). The lab model has no port for them yet (its
 * {@code Action.Operation} carries a name and a flat {@code with:} map, and the lab pane only reports
 * "not connected"), so this small interface is that port: the lab pane calls {@link #run} with the
 * action's name and its {@code with:} values after expanding {@code $VARIABLES}.
 */
public interface LabOperations {

    /** The operation names this implementation runs. */
    Set<String> names();

    default boolean handles(String name) {
        return names().contains(name);
    }

    /**
     * Starts the operation off the JavaFX thread. {@code progress} receives short learner-facing lines
     * (from a background thread); the future completes with a one-line summary, or exceptionally with
     * a {@link LabOperationException} whose message says what happened and what to do next.
     */
    CompletableFuture<String> run(String name, Map<String, String> with, Consumer<String> progress);

    /** A failed operation, explained for the learner (never carrying a secret value). */
    final class LabOperationException extends RuntimeException {
        public LabOperationException(String message) {
            super(message);
        }
    }
}
