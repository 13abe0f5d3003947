package io.labbench.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.labbench.sessions.RemoteFileException;
import io.labbench.sessions.RemoteFiles;
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

    /** kubeconfigs are a few KiB; anything much larger is not one. */
    private static final int MAX_BYTES = 1 << 20;
    private static final String PATH = "~/.kube/config";

    /**
     * Reads {@code ~/.kube/config} on the bastion (as the study's kops-ec2 has it) over SFTP on its shared
     * SSH connection: the file's bytes only, never through a shell or a terminal, and never logged.
     */
    public static KubeconfigSource fromEndpoint(RemoteFiles files) throws IOException {
        String endpoint = files.endpointName();
        try {
            byte[] bytes = files.read(PATH, MAX_BYTES, Duration.ofSeconds(20));
            if (bytes.length == 0) {
                throw new IOException(PATH + " on " + endpoint + " is empty. On " + endpoint
                        + ", `kops export kubecfg --admin` writes it; then connect again.");
            }
            return new KubeconfigSource(PATH + " on " + endpoint + " (SFTP)", new String(bytes, StandardCharsets.UTF_8));
        } catch (RemoteFileException e) {
            throw new IOException(e.getMessage() + switch (e.reason()) {
                case NOT_FOUND -> ". On " + endpoint + ", `kops export kubecfg --admin` writes it (the study does this after "
                        + "`kops create cluster`); then connect again.";
                case NOT_CONNECTED -> ". Check that " + endpoint + " is running and its terminal connects, then connect again.";
                case NO_SFTP, PERMISSION_DENIED, TOO_LARGE, FAILED -> ". Copy it with `scp` to this machine and choose \"A kubeconfig file\" instead.";
            }, e);
        }
    }

    /** The context kubectl would use. */
    public String currentContext() {
        return config().getCurrentContext() == null ? "" : config().getCurrentContext().getName();
    }

    /**
     * @throws IllegalArgumentException when the text is not a kubeconfig; the message never quotes it
     *         (a YAML parser's message would show the offending line, which may hold a token)
     */
    public Config config() {
        try {
            return Config.fromKubeconfig(content);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(origin + " is not a valid kubeconfig (" + e.getClass().getSimpleName() + ")");
        }
    }

    public KubernetesClient connect() {
        return new KubernetesClientBuilder().withConfig(config()).build();
    }
}
