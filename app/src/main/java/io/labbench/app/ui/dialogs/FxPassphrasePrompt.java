package io.labbench.app.ui.dialogs;

import io.labbench.sessions.ssh.PassphrasePrompt;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.stage.Window;

/** The sessions module's passphrase question, answered with {@link PassphraseDialog}. */
public final class FxPassphrasePrompt implements PassphrasePrompt {

    private final Supplier<Window> owner;

    public FxPassphrasePrompt(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Optional<char[]> passphraseFor(Path keyFile, int attempt) {
        try {
            return FxPrompts.askOnFxThread(() -> {
                PassphraseDialog dialog = new PassphraseDialog(owner.get(), keyFile.toString(),
                        attempt > 1 ? "this endpoint (the last passphrase was wrong)" : "this endpoint");
                return dialog.ask();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
