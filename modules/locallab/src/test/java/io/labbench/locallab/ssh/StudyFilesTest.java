package io.labbench.locallab.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The manifests kops-ec2 finds in {@code ~/pkos/2} are the app's {@code assets/manifests}, copied by
 * the build rather than kept twice (two copies had drifted apart before).
 */
class StudyFilesTest {

    @Test
    void theStudyFilesInTheBuildAreTheAssetsManifestsWithTheirSourceNotes() throws Exception {
        Path assets = Path.of("../../assets/manifests");
        for (String name : new String[] {"netshoot-2pods.yaml", "nginx-dp.yaml", "echo-service-nlb.yaml", "SOURCES.md"}) {
            try (InputStream in = LabSsh.class.getResourceAsStream("study/" + name)) {
                assertThat(in).as("resource study/" + name).isNotNull();
                assertThat(new String(in.readAllBytes())).as(name).isEqualTo(Files.readString(assets.resolve(name)));
            }
        }
    }
}
