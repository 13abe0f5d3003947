package io.labbench.sessions.ssh;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The UI's passphrase dialog for an encrypted private key. Asked at most once per key per run of the
 * app when the answer is right (again only after a wrong one); the answer is kept in memory only and
 * never written anywhere. Called on a connection thread, which waits for the answer.
 */
public interface PassphrasePrompt {

    /**
     * @param attempt 1 for the first question, 2+ after a wrong passphrase
     * @return the passphrase, or empty when the user cancels (the key is then skipped); the caller
     *         wipes the returned array after use
     */
    Optional<char[]> passphraseFor(Path keyFile, int attempt);

    /** Skips every encrypted key (for headless use). */
    static PassphrasePrompt none() {
        return (keyFile, attempt) -> Optional.empty();
    }
}
