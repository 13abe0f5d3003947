package io.labbench.app.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The path's Kubernetes lists: a kubeconfig it cannot use is an error that names the file and what was expected. */
class LabKubeTest {
    @TempDir
    Path dir;

    @Test
    void aKubeconfigWithoutTheLabsTokenNamesTheFileAndWhatIsMissing() throws IOException {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://127.0.0.1:6443\n"
                + "users:\n- user:\n    client-certificate-data: AAAA\n");
        try (LabKube kube = new LabKube(file.toString())) {
            assertThatThrownBy(kube::list).isInstanceOf(IOException.class).hasMessageContaining(file.toString())
                    .hasMessageContaining("users[0].user.token");
        }
    }

    @Test
    void notYamlAtAllIsNamedToo() throws IOException {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, "clusters: [unclosed\n");
        try (LabKube kube = new LabKube(file.toString())) {
            assertThatThrownBy(kube::list).isInstanceOf(IOException.class).hasMessageStartingWith(file + ": not a kubeconfig");
        }
    }

    @Test
    void aLabWithoutAnApiServerListsNothing() throws IOException {
        try (LabKube kube = new LabKube("")) {
            assertThat(kube.list().pods()).isEmpty();
        }
    }
}
