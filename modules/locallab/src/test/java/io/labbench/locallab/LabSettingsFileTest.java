package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saved choices of Lab › Local lab settings, read back on the next start. */
class LabSettingsFileTest {

    @TempDir
    Path stateRoot;

    @Test
    void savedChoicesComeBackOnTheNextStartAndNothingSavedMeansTheStudysDefaults() throws Exception {
        LabSettings defaults = LabSettings.defaults(stateRoot, "lbtfile");
        assertThat(LabSettingsFile.load(defaults)).isEqualTo(new LabSettingsFile.Loaded(defaults, java.util.Optional.empty()));

        LabSettings chosen = defaults.withInstanceTypes("t3.medium", "t3.large").withPrefixDelegation(110);
        LabSettingsFile.save(chosen);

        assertThat(LabSettingsFile.load(defaults).settings()).isEqualTo(chosen);
        assertThat(LabSettingsFile.file(defaults)).hasFileName("lbtfile-settings.properties");
        assertThat(stateRoot.resolve("lbtfile-settings.properties.partial")).doesNotExist();
    }

    @Test
    void aFileNamingAnUnknownTypeIsIgnoredWithASentenceSayingWhatToDo() throws Exception {
        LabSettings defaults = LabSettings.defaults(stateRoot, "lbtfile");
        Files.writeString(LabSettingsFile.file(defaults), "nodesInstanceType=t9.huge\n");

        LabSettingsFile.Loaded loaded = LabSettingsFile.load(defaults);

        assertThat(loaded.settings()).isEqualTo(defaults);
        assertThat(loaded.problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("were ignored").contains("t9.huge").contains("Lab > Local lab settings"));
    }
}
