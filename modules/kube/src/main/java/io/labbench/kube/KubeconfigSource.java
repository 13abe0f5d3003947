package io.labbench.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.labbench.sessions.CommandException;
import io.labbench.sessions.CommandResult;
import io.labbench.sessions.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A kubeconfig and where it came from, so the UI can say "context pkos.learn-dc.link from kops-ec2".
 * The text is held in memory only: it carries the cluster's client credentials.
 */
public record KubeconfigSource(String origin, String content) {

    @Override
    public String toString() {
        return "KubeconfigSource[" + origin + "]"; // never print the credentials
    }

    public static KubeconfigSource fromFile(Path file) throws IOException {
        return new KubeconfigSource(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Reads {@code ~/.kube/config} on the bastion through its shared SSH connection (as the study's kops-ec2 has it). */
    public static KubeconfigSource fromEndpoint(CommandRunner runner) throws IOException {
        try {
            CommandResult result = runner.run("cat ~/.kube/config", Duration.ofSeconds(20));
            if (!result.succeeded() || result.stdout().isBlank()) {
                throw new IOException("Could not read ~/.kube/config on " + runner.endpointName() + " (exit " + result.exitCode()
                        + "): " + result.stderr().strip() + ". On kops-ec2, `kops export kubecfg --admin` writes it.");
            }
            return new KubeconfigSource("~/.kube/config on " + runner.endpointName(), result.stdout());
        } catch (CommandException e) {
            throw new IOException("Could not reach " + runner.endpointName() + " to fetch its kubeconfig: " + e.getMessage(), e);
        }
    }

    /** The context kubectl would use. */
    public String currentContext() {
        return config().getCurrentContext() == null ? "" : config().getCurrentContext().getName();
    }

    public Config config() {
        return Config.fromKubeconfig(content);
    }

    public KubernetesClient connect() {
        return new KubernetesClientBuilder().withConfig(config()).build();
    }
}
