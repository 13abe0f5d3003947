package io.labbench.watch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.netparse.ParserKind;
import io.labbench.watch.StudyWatches;
import io.labbench.watch.WatchDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockLayoutStoreTest {

    @TempDir
    Path config;

    @Test
    void openWatchesAndWhereTheyWereSurviveARestart() throws Exception {
        WatchDefinition routes = StudyWatches.on("routes", "worker1").orElseThrow().withInterval(Duration.ofSeconds(5));
        WatchDefinition custom = WatchDefinition.custom("worker2", "ip -4 neigh", Optional.of(ParserKind.AUTO), Duration.ofSeconds(1));
        DockLayout layout = new DockLayout(DockLayout.CURRENT_VERSION, false,
                List.of(new DockPane(List.of(OpenWatch.of(routes, false)), 0),
                        new DockPane(List.of(OpenWatch.of(StudyWatches.on("conntrack", "worker1").orElseThrow(), true),
                                OpenWatch.of(custom, false)), 1)),
                List.of(0.4));
        DockLayoutStore.inConfigFolder(config).save(layout);

        DockLayoutStore.Loaded loaded = DockLayoutStore.inConfigFolder(config).load();
        assertThat(loaded.problem()).isEmpty();
        assertThat(loaded.layout()).isEqualTo(layout);
        assertThat(loaded.layout().panes().get(0).tabs().get(0).toDefinition()).isEqualTo(routes);
        WatchDefinition restored = loaded.layout().panes().get(1).tabs().get(1).toDefinition();
        assertThat(restored.command()).isEqualTo("ip -4 neigh");
        assertThat(restored.parser()).contains(ParserKind.AUTO);
        assertThat(restored.endpoint()).isEqualTo("worker2");
    }

    @Test
    void sideBySideTabsAreSavedWithTheSecondNodeAndOlderFilesReadAsOrdinaryPanels() throws Exception {
        WatchDefinition snat = StudyWatches.on("iptables-snat-0", "worker1").orElseThrow();
        DockLayout layout = new DockLayout(DockLayout.CURRENT_VERSION, false,
                List.of(new DockPane(List.of(OpenWatch.of(snat, false), OpenWatch.sideBySide(snat, "worker2")), 1)), List.of());
        DockLayoutStore.inConfigFolder(config).save(layout);
        OpenWatch side = DockLayoutStore.inConfigFolder(config).load().layout().panes().get(0).tabs().get(1);
        assertThat(side.showsTwoNodes()).isTrue();
        assertThat(side.compareWith()).isEqualTo("worker2");
        assertThat(side.toDefinition()).isEqualTo(snat);

        // a layout file written before side-by-side tabs were kept has no compareWith
        Files.writeString(config.resolve("watch-dock.json"), """
                {"version": 1, "vertical": false, "dividers": [],
                 "panes": [{"selected": 0, "tabs": [{"watchId": "routes", "endpoint": "worker1", "command": "",
                            "parser": "", "intervalMillis": 2000, "paused": false}]}]}""");
        OpenWatch old = DockLayoutStore.inConfigFolder(config).load().layout().panes().get(0).tabs().get(0);
        assertThat(old.showsTwoNodes()).isFalse();
        assertThat(old.toDefinition().panelKey()).isEqualTo("worker1/routes");
    }

    @Test
    void aDamagedFileGivesAnEmptyDockAndSaysWhereItBroke() throws Exception {
        Files.createDirectories(config);
        Files.writeString(config.resolve("watch-dock.json"), "{\n  \"version\": 1,\n  \"panes\": [ {\"tabs\": oops ]\n}");
        DockLayoutStore.Loaded loaded = DockLayoutStore.inConfigFolder(config).load();
        assertThat(loaded.layout().panes()).isEmpty();
        assertThat(loaded.problem()).hasValueSatisfying(p -> assertThat(p).contains("watch-dock.json line 3"));
    }
}
