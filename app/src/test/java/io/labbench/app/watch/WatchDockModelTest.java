package io.labbench.app.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.app.shell.WatchDirectory;
import io.labbench.watch.StudyWatches;
import io.labbench.watch.layout.DockLayout;
import io.labbench.watch.layout.DockPane;
import io.labbench.watch.layout.OpenWatch;
import io.labbench.watch.run.NetparseSnapshotReader;
import io.labbench.watch.run.WatchScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dock's state driven through its commands alone, no screen: where watches open, focus, moves
 * between panes, splits, pop-outs, closing, the layout it saves and restores, and the lab step's offers.
 * Its panels run against no endpoint (they say "not connected"): the dock's bookkeeping is the subject.
 */
class WatchDockModelTest {

    private final WatchScheduler scheduler = new WatchScheduler();
    private final List<WatchPanelViewModel> created = new ArrayList<>();
    private WatchDockModel dock;

    @BeforeEach
    void dock() {
        dock = newDock();
    }

    private WatchDockModel newDock() {
        return new WatchDockModel(watch -> {
            WatchPanelViewModel panel = new WatchPanelViewModel(watch, name -> Optional.empty(),
                    new NetparseSnapshotReader(), scheduler, Runnable::run);
            created.add(panel);
            return panel;
        });
    }

    @AfterEach
    void stop() {
        dock.close();
        scheduler.close();
    }

    private static List<List<String>> keys(WatchDockModel model) {
        return model.panes().stream().map(p -> p.watches().stream().map(DockedWatch::key).toList()).toList();
    }

    @Test
    void opensIntoTheFocusedPaneAndAnOpenWatchIsFocusedNotOpenedTwice() {
        assertThat(dock.isEmpty()).isTrue();
        DockedWatch routes = dock.open("routes", "worker1").orElseThrow();
        DockedWatch rules = dock.open("rules", "worker2").orElseThrow();
        assertThat(keys(dock)).containsExactly(List.of("worker1/routes", "worker2/rules"));
        assertThat(dock.panes().get(0).selected()).isSameAs(rules);

        int before = created.size();
        assertThat(dock.open("routes", "worker1")).contains(routes);
        assertThat(created).as("no second panel for an open watch").hasSize(before);
        assertThat(dock.panes().get(0).selected()).as("it is brought forward").isSameAs(routes);

        assertThat(dock.open("no-such-watch", "worker1")).isEmpty();
        assertThat(dock.noticeProperty().get()).startsWith("No ready-made watch 'no-such-watch'; known: ");
    }

    @Test
    void splitMoveAndCloseKeepPanesTidy() {
        DockedWatch routes = dock.open("routes", "worker1").orElseThrow();
        DockedWatch snat = dock.open("iptables-snat", "worker1").orElseThrow();
        dock.split(snat);
        DockPaneModel right = dock.paneOf(snat).orElseThrow();
        assertThat(keys(dock)).containsExactly(List.of("worker1/routes"), List.of(snat.key()));
        assertThat(dock.focusedPaneProperty().get()).isSameAs(right);

        DockedWatch conntrack = dock.open("conntrack", "worker2").orElseThrow();
        assertThat(dock.paneOf(conntrack)).as("new watches go to the focused pane").contains(right);

        dock.focus(routes);
        assertThat(dock.focusedPaneProperty().get()).isSameAs(dock.panes().get(0));
        dock.move(routes, right);
        assertThat(keys(dock)).as("the emptied pane goes away")
                .containsExactly(List.of(snat.key(), "worker2/conntrack", "worker1/routes"));

        dock.close(conntrack);
        assertThat(keys(dock)).containsExactly(List.of(snat.key(), "worker1/routes"));
        assertThat(((DockedWatch.Panel) conntrack).panel().statusTextProperty()).isNotNull();
        dock.close(snat);
        dock.close(routes);
        assertThat(dock.panes()).isEmpty();
        assertThat(dock.isEmpty()).isTrue();
        dock.splitSelected();
        assertThat(dock.noticeProperty().get()).isEqualTo("Open a watch first, then split it into its own pane");
    }

    @Test
    void aPoppedOutWatchLeavesItsPaneComesBackWhenDockedAndIsSavedDocked() {
        DockedWatch routes = dock.open("routes", "worker1").orElseThrow();
        DockedWatch snat = dock.open("iptables-snat", "worker1").orElseThrow();
        dock.popOut(snat);
        assertThat(keys(dock)).containsExactly(List.of("worker1/routes"));
        assertThat(dock.floating()).containsExactly(snat);
        assertThat(dock.openPanels()).hasSize(2);
        assertThat(dock.layout().panes()).singleElement().satisfies(pane ->
                assertThat(pane.tabs()).extracting(OpenWatch::watchId).containsExactly("routes", "iptables-snat-0"));

        dock.dockBack(snat);
        assertThat(dock.floating()).isEmpty();
        assertThat(keys(dock)).containsExactly(List.of("worker1/routes", snat.key()));
        assertThat(dock.paneOf(routes)).isEqualTo(dock.paneOf(snat));
    }

    @Test
    void theLayoutItProducesRestoresTheSameDockWithPausedPanelsAndComparisons() {
        dock.open("routes", "worker1");
        DockedWatch rules = dock.open("rules", "worker2").orElseThrow();
        ((DockedWatch.Panel) rules).panel().pause();
        dock.split(rules);
        dock.openSideBySide(StudyWatches.on("rules", "worker2").orElseThrow(), "worker1");
        dock.setVertical(true);
        dock.rememberDividers(List.of(0.4));
        int revision = dock.revisionProperty().get();
        dock.focus(dock.panes().get(1).watches().get(0));
        assertThat(dock.revisionProperty().get()).as("a change of tab is saved too").isGreaterThan(revision);

        DockLayout saved = dock.layout();
        assertThat(saved.vertical()).isTrue();
        assertThat(saved.dividers()).containsExactly(0.4);
        assertThat(saved.panes()).extracting(DockPane::selected).containsExactly(0, 0);

        WatchDockModel restored = newDock();
        try {
            restored.restore(saved);
            assertThat(keys(restored)).isEqualTo(keys(dock))
                    .containsExactly(List.of("worker1/routes"), List.of("worker2/rules", "worker2/rules|worker1"));
            assertThat(restored.openPanels().get(1).pausedProperty().get()).as("paused comes back paused").isTrue();
            assertThat(restored.comparisons()).singleElement()
                    .satisfies(c -> assertThat(c.rightEndpoint()).isEqualTo("worker1"));
            assertThat(restored.layout()).isEqualTo(saved);
        } finally {
            restored.close();
        }
    }

    @Test
    void aLabStepsWatchesAreOfferedAndMarkedOnceOpen() {
        dock.offer(List.of(new WatchDirectory.Suggestion("iptables-snat", "worker1"),
                new WatchDirectory.Suggestion("conntrack", "worker1")));
        assertThat(dock.offers()).extracting(WatchDockModel.Offer::watchId, WatchDockModel.Offer::open)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("iptables-snat", false),
                        org.assertj.core.groups.Tuple.tuple("conntrack", false));
        assertThat(dock.offers().get(0).title()).isEqualTo(StudyWatches.template("iptables-snat").orElseThrow().title());

        dock.open("iptables-snat", "worker1");
        assertThat(dock.offers()).extracting(WatchDockModel.Offer::open).containsExactly(true, false);
        dock.offer(List.of());
        assertThat(dock.offers()).isEmpty();
    }
}
