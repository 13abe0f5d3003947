package io.labbench.app.ui.dialogs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * Lets a background thread (an SSH handshake) ask the user something: the dialog runs on the JavaFX
 * thread while the caller waits for the answer. Never called on the JavaFX thread itself.
 */
public final class FxPrompts {

    private FxPrompts() {
    }

    public static <T> T askOnFxThread(Supplier<T> dialog) throws InterruptedException {
        if (Platform.isFxApplicationThread()) {
            return dialog.get();
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(dialog.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The dialog failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
