package io.labbench.sessions.workspace;

import java.util.Locale;
import java.util.Optional;

/** Where a workspace's cluster runs: the embedded local lab or a real kOps cluster on AWS. */
public enum Backend {
    LOCAL, AWS;

    /** The spelling used in workspace files. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Backend> fromYamlName(String text) {
        for (Backend backend : values()) {
            if (backend.yamlName().equals(text)) {
                return Optional.of(backend);
            }
        }
        return Optional.empty();
    }
}
