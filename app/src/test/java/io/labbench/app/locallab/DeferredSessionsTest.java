package io.labbench.app.locallab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.sessions.LocalShellEndpoint;
import io.labbench.sessions.RemoteFileException;
import io.labbench.sessions.RemoteFiles;
import io.labbench.sessions.SessionHub;
import io.labbench.cluster.Backend;
import io.labbench.sessions.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kubernetes window reads kops-ec2's kubeconfig through the local lab's sessions, which come up late. */
class DeferredSessionsTest {

    @TempDir
    Path dir;

    @Test
    void aFileReadBeforeTheLabIsUpSaysToWaitAndAfterwardsReadsTheMachinesFile() throws Exception {
        CompletableFuture<SessionHub> hub = new CompletableFuture<>();
        DeferredSessions sessions = new DeferredSessions(hub, List.of("kops-ec2", "master"), Duration.ofSeconds(5));
        RemoteFiles kopsEc2 = sessions.files("kops-ec2").orElseThrow();

        assertThatThrownBy(() -> kopsEc2.read(dir.resolve("config").toString(), 1024, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(RemoteFileException.class,
                        e -> assertThat(e.reason()).isEqualTo(RemoteFileException.Reason.NOT_CONNECTED))
                .hasMessageContaining("not up yet");
        assertThat(sessions.files("worker9")).isEmpty();

        Files.writeString(dir.resolve("config"), "apiVersion: v1\nkind: Config\n", StandardCharsets.UTF_8);
        Workspace lab = new Workspace("local-lab", Backend.LOCAL,
                List.of(new LocalShellEndpoint("kops-ec2", List.of("/bin/bash"), Map.of(), Optional.of(dir))), Map.of());
        try (SessionHub up = SessionHub.builder(lab).build()) {
            hub.complete(up);
            assertThat(new String(kopsEc2.read(dir.resolve("config").toString(), 1024, Duration.ofSeconds(5)),
                    StandardCharsets.UTF_8)).isEqualTo("apiVersion: v1\nkind: Config\n");
        }
    }
}
