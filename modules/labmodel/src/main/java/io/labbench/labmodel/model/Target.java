package io.labbench.labmodel.model;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A terminal or command endpoint a step talks to: {@code kops-ec2}, {@code master}, {@code worker1},
 * {@code worker2}, {@code kubectl}, {@code local} or {@code pod:NAME}.
 */
public record Target(String name) {
    public static final List<String> FIXED = List.of("kops-ec2", "master", "worker1", "worker2", "kubectl", "local");
    private static final Pattern POD = Pattern.compile("pod:[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    public static Optional<Target> parse(String name) {
        if (name != null && (FIXED.contains(name) || POD.matcher(name).matches())) {
            return Optional.of(new Target(name));
        }
        return Optional.empty();
    }

    public boolean isPod() {
        return name.startsWith("pod:");
    }

    @Override
    public String toString() {
        return name;
    }
}
