package io.labbench.cluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a workspace's cluster runs: the embedded local lab or a real kOps cluster on AWS. Lab files
 * name the backends a lab or step applies to, workspace files the one they use; both spell it
 * {@link #yamlName()}.
 */
public enum Backend {
    LOCAL, AWS;

    /** The spelling in lab and workspace files: {@code local} or {@code aws}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Backend> fromYamlName(String name) {
        return Arrays.stream(values()).filter(b -> b.yamlName().equals(name)).findFirst();
    }
}
