package io.labbench.kube;

import java.util.Map;

/**
 * The aws-node DaemonSet's environment that the study changes: prefix delegation and the warm pool.
 */
public record AwsNodeSettings(Map<String, String> env) {

    public AwsNodeSettings {
        env = Map.copyOf(env);
    }

    public boolean prefixDelegation() {
        return "true".equalsIgnoreCase(env.getOrDefault("ENABLE_PREFIX_DELEGATION", "false"));
    }

    public String warmEniTarget() {
        return env.getOrDefault("WARM_ENI_TARGET", "1");
    }
}
