package io.labbench.locallab.kube;

import io.labbench.storage.AtomicFileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Writes the kubeconfig kubectl uses for the local lab, named like the study's kOps export
 * ({@code kops export kubecfg} names cluster, user and context after {@code $KOPS_CLUSTER_NAME}):
 * the lab CA as {@code certificate-authority-data} and the bearer token of {@link ApiCredentials}.
 * It is the key to a root shell in the lab, so it is written by {@link AtomicFileWriter}: 0600 from
 * the first byte (never readable by another user, not even for an instant), a new folder 0700, and
 * replaced atomically so a crash never leaves kubectl half a file.
 */
public final class Kubeconfig {
    private Kubeconfig() {
    }

    public static void write(Path file, String clusterName, String serverUrl, ApiCredentials credentials) throws IOException {
        String text = "apiVersion: v1\n"
                + "kind: Config\n"
                + "clusters:\n"
                + "- cluster:\n"
                + "    certificate-authority-data: "
                + Base64.getEncoder().encodeToString(credentials.caPem().getBytes(StandardCharsets.US_ASCII)) + "\n"
                + "    server: " + serverUrl + "\n"
                + "  name: " + clusterName + "\n"
                + "contexts:\n"
                + "- context:\n"
                + "    cluster: " + clusterName + "\n"
                + "    user: " + clusterName + "\n"
                + "  name: " + clusterName + "\n"
                + "current-context: " + clusterName + "\n"
                + "preferences: {}\n"
                + "users:\n"
                + "- name: " + clusterName + "\n"
                + "  user:\n"
                + "    token: " + credentials.token() + "\n";
        AtomicFileWriter.writeString(file, text);
    }
}
