package io.labbench.labmodel.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a workspace's cluster lives: the embedded local lab or a real kOps cluster on AWS. */
public enum Backend {
    LOCAL, AWS;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Backend> fromYaml(String name) {
        return Arrays.stream(values()).filter(b -> b.yamlName().equals(name)).findFirst();
    }
}
