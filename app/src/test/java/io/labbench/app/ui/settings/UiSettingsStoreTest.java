package io.labbench.app.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiSettingsStoreTest {

    @TempDir
    Path home;

    @Test
    void savedSettingsComeBackOnTheNextLoad() {
        UiSettingsStore store = new UiSettingsStore(home.resolve("config/settings.json"));
        UiSettings saved = UiSettings.defaults()
                .withTheme(ThemeMode.DARK)
                .withWindow(new WindowGeometry(10, 20, 1200, 800, false))
                .withMainDividers(List.of(0.3, 0.6))
                .withOpenTerminals(List.of("kops-ec2", "master", "worker1", "worker2", "kubectl"))
                .withTerminalFontSize(17);
        assertThat(store.save(saved)).isTrue();

        UiSettings loaded = new UiSettingsStore(home.resolve("config/settings.json")).load();
        assertThat(loaded).isEqualTo(saved);
    }

    @Test
    void writesLeaveNoTemporaryFilesBehind() throws IOException {
        UiSettingsStore store = new UiSettingsStore(home.resolve("settings.json"));
        store.save(UiSettings.defaults());
        store.save(UiSettings.defaults().withTheme(ThemeMode.DARK));
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("settings.json");
        }
    }

    @Test
    void missingFileGivesDefaults() {
        UiSettingsStore.LoadOutcome outcome = new UiSettingsStore(home.resolve("none.json")).tryLoad();
        assertThat(outcome.result()).isEqualTo(UiSettings.defaults());
        assertThat(outcome.problem()).isEmpty();
    }

    @Test
    void brokenFileGivesDefaultsAndSaysFileAndLine() throws IOException {
        Path file = home.resolve("settings.json");
        Files.writeString(file, "{\n  \"theme\": \"DARK\",\n  \"window\": {oops}\n}\n");
        UiSettingsStore.LoadOutcome outcome = new UiSettingsStore(file).tryLoad();
        assertThat(outcome.result()).isEqualTo(UiSettings.defaults());
        assertThat(outcome.problem()).hasValueSatisfying(problem ->
                assertThat(problem).startsWith(file + ":3:").contains("delete the file"));
    }

    @Test
    void handEditedNonsenseIsReplacedBySaneValues() throws IOException {
        Path file = home.resolve("settings.json");
        Files.writeString(file, "{\"window\":{\"width\":5,\"height\":-1},\"mainDividers\":[0.5],\"terminalFontSize\":900}");
        UiSettings loaded = new UiSettingsStore(file).load();
        assertThat(loaded.window().width()).isEqualTo(WindowGeometry.DEFAULT.width());
        assertThat(loaded.mainDividers()).isEqualTo(UiSettings.DEFAULT_DIVIDERS);
        assertThat(loaded.terminalFontSize()).isEqualTo(UiSettings.DEFAULT_FONT_SIZE);
    }

    @Test
    void splittersAreKeptPerWorkspaceAndAFileFromBeforeStillLoads() throws IOException {
        UiSettingsStore store = new UiSettingsStore(home.resolve("settings.json"));
        store.save(UiSettings.defaults().withWorkspaceDividers("local-lab", List.of(0.3, 0.7))
                .withWorkspaceDividers("aws", List.of(0.25, 0.6)));
        UiSettings loaded = store.load();
        assertThat(loaded.dividersOf("local-lab")).contains(List.of(0.3, 0.7));
        assertThat(loaded.dividersOf("aws")).contains(List.of(0.25, 0.6));
        assertThat(loaded.dividersOf("shells")).isEmpty();
        assertThat(loaded.mainDividers()).as("the last used, for a workspace not seen before").containsExactly(0.25, 0.6);

        java.nio.file.Files.writeString(store.file(), """
                {"theme": "DARK", "mainDividers": [0.2, 0.8], "openTerminals": ["master"], "terminalFontSize": 15}
                """);
        UiSettings old = store.load();
        assertThat(old.theme()).isEqualTo(ThemeMode.DARK);
        assertThat(old.mainDividers()).containsExactly(0.2, 0.8);
        assertThat(old.workspaceDividers()).isEmpty();
    }
}
