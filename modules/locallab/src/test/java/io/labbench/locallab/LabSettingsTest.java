package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where a lab keeps its files, per prefix. */
class LabSettingsTest {

    private final Path stateRoot = Path.of("/home/learner/.local/state/labbench/locallab");

    @Test
    void theDefaultLabKeepsTheKubeconfigPathLearnersKnowAndOtherPrefixesGetTheirOwn() {
        assertThat(LabSettings.defaults(stateRoot, LabSettings.DEFAULT_PREFIX).kubeconfig())
                .isEqualTo(stateRoot.resolve("kubeconfig"));
        Path a = LabSettings.defaults(stateRoot, "lbdev").kubeconfig();
        Path b = LabSettings.defaults(stateRoot, "lbshot").kubeconfig();
        assertThat(a).isEqualTo(stateRoot.resolve("lbdev-kubeconfig"));
        assertThat(b).isEqualTo(stateRoot.resolve("lbshot-kubeconfig"));
        // beside the lab's folder, not inside it: down removes the folder, the kubeconfig stays findable
        assertThat(a.startsWith(LabSettings.defaults(stateRoot, "lbdev").labDir())).isFalse();
    }
}
