package io.labbench.locallab.kube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes the kubeconfig kubectl uses for the local lab, named like the study's kOps export
 * ({@code kops export kubecfg} names cluster, user and context after {@code $KOPS_CLUSTER_NAME}).
 * The server is plain HTTP on loopback, so there is no certificate and no credential to leak.
 */
public final class Kubeconfig {
    private Kubeconfig() {
    }

    public static void write(Path file, String clusterName, String serverUrl) throws IOException {
        String text = "apiVersion: v1\n"
                + "kind: Config\n"
                + "clusters:\n"
                + "- cluster:\n"
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
                + "  user: {}\n";
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".kubeconfig", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing secret is in the file anyway
        }
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
